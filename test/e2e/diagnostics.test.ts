// Scenario 2: the example model with a broken dataset reference shows its diagnostic in the
// Problems panel at the line and column of the reference, and the quick fix repairs it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { E2ESession, e2eSkipReason, START_TIMEOUT, UI_TIMEOUT } from './harness';

const MODEL = 'models/broken-reference.model.json';
const MISSING = '../datasets/iris-train-v2.dataset.json';

describe('e2e: a broken reference in the Problems panel, repaired by its quick fix', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  before(async () => {
    s = await E2ESession.start('diagnostics');
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
  });

  // Where a person sees the reference: the opening quote of its value.
  function referencePosition(): { line: number; column: number } {
    const lines = readFileSync(join(s.workspace, MODEL), 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(`"metadata_reference": "${MISSING}"`));
    assert.ok(i >= 0, `${MODEL} references ${MISSING}`);
    return { line: i + 1, column: lines[i]!.indexOf(`"${MISSING}"`) + 1 };
  }

  test('the Problems panel shows the missing file at the reference', async () => {
    await s.openFile(MODEL);
    const at = referencePosition();
    const p = await s.waitForProblem(`the missing ${MISSING} in ${MODEL}`, (p) => p.file === MODEL && p.message.includes(`"${MISSING}" does not exist`));
    assert.equal(p.severity, 'error');
    assert.equal(p.source, 'modelops');
    assert.deepEqual({ line: p.line, column: p.column }, at);
    await s.screenshot('diagnostics-problem');
  });

  test('the quick fix creates the referenced dataset and the problem goes away', async () => {
    const at = referencePosition();
    await s.goTo(at.line, at.column + 1);
    await s.applyQuickFix('Create datasets/iris-train-v2.dataset.json');
    const created = join(s.workspace, 'datasets', 'iris-train-v2.dataset.json');
    // The edit creates the file, then writes it: poll until it is there and whole.
    const deadline = Date.now() + UI_TIMEOUT;
    let dataset: { name?: string; version?: string } | undefined;
    while (!dataset && Date.now() < deadline) {
      try {
        dataset = JSON.parse(readFileSync(created, 'utf8')) as { name?: string; version?: string };
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.ok(dataset, `${created} was created with JSON content`);
    assert.deepEqual({ name: dataset.name, version: dataset.version }, { name: 'iris-train', version: '2.0' });
    const left = await s.waitForProblems(`no problem left in ${MODEL}`, (all) => all.length > 0 && !all.some((p) => p.file === MODEL));
    // The other files' problems stay: the fix touched only this reference.
    assert.ok(left.some((p) => p.file.startsWith('user-examples/')), 'the user-examples problems are still listed');
    await s.screenshot('diagnostics-fixed');
  });
});
