// The users' taxonomy of training-data sources, as data, with lookups for the validator
// (unknown path → warning with "did you mean") and for completion.
import { editDistance } from './editDistance';

export interface TaxonomyNode {
  description: string;
  children?: Record<string, TaxonomyNode>;
}

/** Top-level category whose child segment(s) are free: `specific_datasets/<focus>`. */
export const FREE_FOCUS_ROOT = 'specific_datasets';

export const TAXONOMY: Record<string, TaxonomyNode> = {
  web: {
    description: 'Text crawled from the web.',
    children: {
      social_media: { description: 'Posts and comments from social networks.' },
      news: { description: 'News articles and press releases.' },
      blogs: { description: 'Personal and company blogs.' },
      forums: { description: 'Discussion forums and Q&A sites.' },
    },
  },
  books: {
    description: 'Published books.',
    children: {
      literary: {
        description: 'Literary works.',
        children: {
          fiction: { description: 'Novels, short stories and other fiction.' },
          nonfiction: { description: 'Biographies, essays and other nonfiction.' },
        },
      },
      textbooks: { description: 'Educational textbooks.' },
    },
  },
  reference: {
    description: 'Reference works.',
    children: {
      encyclopedic: { description: 'Encyclopedias such as Wikipedia.' },
      dictionaries: { description: 'Dictionaries, thesauri and glossaries.' },
    },
  },
  academic_papers: {
    description: 'Scholarly articles and preprints.',
    children: {
      sciences: { description: 'Natural sciences, engineering and medicine.' },
      humanities: { description: 'Humanities and social sciences.' },
    },
  },
  code: {
    description: 'Software and its surroundings.',
    children: {
      source_code: { description: 'Source code from repositories.' },
      documentation: { description: 'API docs, READMEs and manuals.' },
      forums: { description: 'Programming Q&A and issue threads.' },
    },
  },
  media: {
    description: 'Transcribed audio and video.',
    children: {
      podcasts: { description: 'Podcast transcripts.' },
      subtitles: { description: 'Film and TV subtitles.' },
    },
  },
  [FREE_FOCUS_ROOT]: {
    description: 'Datasets built for one focus: `specific_datasets/<focus>`, the focus is free (e.g. `specific_datasets/finance`).',
  },
};

function* walk(nodes: Record<string, TaxonomyNode>, prefix: string): Generator<[string, TaxonomyNode]> {
  for (const [key, node] of Object.entries(nodes)) {
    const path = prefix ? `${prefix}/${key}` : key;
    yield [path, node];
    if (node.children) yield* walk(node.children, path);
  }
}

const FIXED: ReadonlyMap<string, TaxonomyNode> = new Map(walk(TAXONOMY, ''));
const FREE_FOCUS = new RegExp(`^${FREE_FOCUS_ROOT}(/[^/\\s]+)+$`);

/** Every fixed path, categories included, in taxonomy order (`specific_datasets` stands for its free children). */
export function allTaxonomyPaths(): string[] {
  return [...FIXED.keys()];
}

/** Only the leaves, the paths a dataset usually names. */
export function leafTaxonomyPaths(): string[] {
  return [...FIXED].filter(([, n]) => !n.children).map(([p]) => p);
}

/** The description of a known path, for hover. */
export function describeTaxonomyPath(path: string, extra: readonly string[] = []): string | undefined {
  const fixed = FIXED.get(path);
  if (fixed) return fixed.description;
  if (FREE_FOCUS.test(path)) return `A focused dataset: ${path.slice(FREE_FOCUS_ROOT.length + 1)}.`;
  if (extra.includes(path)) return 'A taxonomy path added by this workspace (modelops.config.json `taxonomy.extra`).';
  return undefined;
}

/** True for a fixed path (leaf or category), `specific_datasets/<focus>`, or one of `extra`. */
export function isKnownTaxonomyPath(path: string, extra: readonly string[] = []): boolean {
  return FIXED.has(path) || FREE_FOCUS.test(path) || extra.includes(path);
}

/**
 * The known path most likely meant by an unknown one, or undefined when none is close.
 * Compares whole paths and also trailing segments, so `news` or `literary/fiction` find
 * `web/news` and `books/literary/fiction`; a misspelt `specific_datasets` keeps its focus.
 */
export function nearestTaxonomyPath(path: string, extra: readonly string[] = []): string | undefined {
  const wanted = path.trim().toLowerCase().replace(/^\/+|\/+$/g, '').replace(/\/{2,}/g, '/');
  if (!wanted) return undefined;
  if (wanted !== path && isKnownTaxonomyPath(wanted, extra)) return wanted;

  const segments = wanted.split('/');
  if (segments.length >= 2 && editDistance(segments[0], FREE_FOCUS_ROOT) <= 3 && !FIXED.has(segments[0])) {
    return `${FREE_FOCUS_ROOT}/${segments.slice(1).join('/')}`;
  }

  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of [...FIXED.keys(), ...extra]) {
    const c = candidate.toLowerCase();
    const score = Math.min(editDistance(wanted, c), segmentScore(segments, c.split('/')));
    if (score < bestScore) { bestScore = score; best = candidate; }
  }
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return bestScore <= limit ? best : undefined;
}

/**
 * How well the wanted segments match the candidate's in order, allowing skipped categories
 * (0.5 each) and abbreviated segments: `news` ~ `web/news`, `books/fiction` ~ `books/literary/fiction`,
 * `academic/sciences` ~ `academic_papers/sciences`. Infinity when some segment finds no match
 * or the last ones differ.
 */
function segmentScore(wanted: string[], candidate: string[]): number {
  let score = 0;
  let j = 0;
  for (const w of wanted) {
    let found = -1;
    let foundD = Infinity;
    for (let k = j; k < candidate.length; k++) {
      const c = candidate[k];
      const d = w.length >= 3 && c.startsWith(w) ? 1 : editDistance(w, c);
      if (d <= Math.max(1, Math.floor(w.length / 3)) && d < foundD) { found = k; foundD = d; if (d === 0) break; }
    }
    if (found < 0) return Infinity;
    score += foundD + 0.5 * (found - j);
    j = found + 1;
  }
  return j === candidate.length ? score : Infinity;
}
