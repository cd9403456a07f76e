import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allTaxonomyPaths, describeTaxonomyPath, isKnownTaxonomyPath, leafTaxonomyPaths, nearestTaxonomyPath,
} from '../../src/core/metadata/taxonomy';

test('every path of the users\' taxonomy is known, leaves and categories', () => {
  const leaves = [
    'web/social_media', 'web/news', 'web/blogs', 'web/forums',
    'books/literary/fiction', 'books/literary/nonfiction', 'books/textbooks',
    'reference/encyclopedic', 'reference/dictionaries',
    'academic_papers/sciences', 'academic_papers/humanities',
    'code/source_code', 'code/documentation', 'code/forums',
    'media/podcasts', 'media/subtitles',
  ];
  for (const p of leaves) assert.ok(isKnownTaxonomyPath(p), p);
  assert.deepEqual(leafTaxonomyPaths(), [...leaves, 'specific_datasets']);
  for (const p of ['web', 'books', 'books/literary', 'code', 'specific_datasets']) assert.ok(isKnownTaxonomyPath(p), p);
  assert.equal(allTaxonomyPaths().length, leaves.length + 8);
});

test('specific_datasets takes any focus; other unknown paths are unknown', () => {
  assert.ok(isKnownTaxonomyPath('specific_datasets/finance'));
  assert.ok(isKnownTaxonomyPath('specific_datasets/medical/radiology'));
  for (const p of ['specific_datasets/', 'web/new', 'Web/News', 'web/news/', '', 'books/fiction', 'web//news', 'specific_datasets/ x']) {
    assert.equal(isKnownTaxonomyPath(p), false, JSON.stringify(p));
  }
});

test('extra paths from the config are known', () => {
  assert.equal(isKnownTaxonomyPath('web/wikis'), false);
  assert.ok(isKnownTaxonomyPath('web/wikis', ['web/wikis']));
  assert.equal(nearestTaxonomyPath('web/wiki', ['web/wikis']), 'web/wikis');
});

test('nearest path: typos, missing categories, case, misspelt specific_datasets', () => {
  const cases: [string, string][] = [
    ['web/new', 'web/news'],
    ['Web/News', 'web/news'],
    ['news', 'web/news'],
    ['web/socialmedia', 'web/social_media'],
    ['books/fiction', 'books/literary/fiction'],
    ['literary/nonfiction', 'books/literary/nonfiction'],
    ['code/sourcecode', 'code/source_code'],
    ['academic/sciences', 'academic_papers/sciences'],
    ['media/podcast', 'media/podcasts'],
    ['reference/encyclopedia', 'reference/encyclopedic'],
    ['specific_dataset/finance', 'specific_datasets/finance'],
    ['web/news/', 'web/news'],
  ];
  for (const [input, want] of cases) assert.equal(nearestTaxonomyPath(input), want, input);
});

test('nearest path: nothing for what is not close', () => {
  for (const p of ['xyzzy', 'images/cats', '', '/']) assert.equal(nearestTaxonomyPath(p), undefined, p);
});

test('descriptions for hover', () => {
  assert.match(describeTaxonomyPath('web/news') ?? '', /news/i);
  assert.match(describeTaxonomyPath('specific_datasets/finance') ?? '', /finance/);
  assert.equal(describeTaxonomyPath('web/wikis'), undefined);
  assert.ok(describeTaxonomyPath('web/wikis', ['web/wikis']));
});
