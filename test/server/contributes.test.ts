// The typed tables and package.json agree: settings, commands, the language and activation.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { COMMANDS } from '../../src/commands';
import { DEFAULT_RULES } from '../../src/core/registry/config';
import { defaultSettings, readSettings, SETTINGS, SETTINGS_SECTION } from '../../src/core/settings';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

test('settings.ts and contributes.configuration list the same settings, defaults and enums', () => {
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; enum?: string[] }>;
  assert.deepEqual(Object.keys(props).sort(), Object.keys(SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const p = props[`${SETTINGS_SECTION}.${key}`];
    assert.deepEqual(p.default, spec.default, key);
    assert.deepEqual(p.enum, spec.enum ? [...spec.enum] : undefined, key);
  }
});

test('readSettings takes the nested section VS Code sends and falls back on bad values', () => {
  assert.deepEqual(readSettings(undefined), defaultSettings());
  const s = readSettings({ configFile: 'x/modelops.config.json', validation: { formatSeverity: 'error' }, trace: { server: 'loud' }, registries: [{ kind: 'model', include: ['m/*.json'] }, { kind: 'nope', include: [] }] });
  assert.equal(s.configFile, 'x/modelops.config.json');
  assert.equal(s['validation.formatSeverity'], 'error');
  assert.equal(s['trace.server'], 'off');
  assert.deepEqual(s.registries, [{ kind: 'model', include: ['m/*.json'] }]);
});

test('commands.ts and contributes.commands list the same commands', () => {
  const contributed = (pkg.contributes.commands as { command: string; title: string; category?: string }[])
    .map((c) => ({ id: c.command, title: c.title, category: c.category })).sort((a, b) => a.id.localeCompare(b.id));
  const table = Object.values(COMMANDS).map((c) => ({ ...c })).sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(contributed, table);
});

test('activation is by workspace content, never *', () => {
  const events: string[] = pkg.activationEvents;
  assert.ok(!events.includes('*'));
  for (const e of ['workspaceContains:**/*.model.json', 'workspaceContains:**/*.dataset.json', 'workspaceContains:**/*.results.json', 'workspaceContains:**/modelops.config.json']) {
    assert.ok(events.includes(e), e);
  }
});

test('the modelops-json language covers the default registry files (except generic results/ folders)', () => {
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'modelops-json');
  const match = picomatch(lang.filenamePatterns.map((p: string) => (p.includes('/') ? p : `**/${p}`)), { dot: true });
  for (const rule of DEFAULT_RULES) {
    for (const glob of rule.include) {
      const sample = glob.replace('**/', 'a/').replace('/**/', '/b/').replace('*', 'x');
      if (glob.includes('/results/')) continue; // claimed at run time by src/client/languageAssignment.ts
      assert.ok(match(sample), `${sample} (${glob}) gets the modelops-json language`);
    }
  }
  assert.deepEqual(lang.filenames, ['modelops.config.json']);
  const grammar = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'modelops-json');
  assert.equal(JSON.parse(readFileSync(grammar.path, 'utf8')).patterns[0].include, 'source.json');
});
