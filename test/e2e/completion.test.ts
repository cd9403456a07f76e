// Scenario 3: completion inside a model's dataset reference offers the registry's dataset names.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { E2ESession, e2eSkipReason, START_TIMEOUT } from './harness';

const MODEL = 'models/iris-logreg.model.json';

describe('e2e: completion of dataset names in a reference', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  before(async () => {
    s = await E2ESession.start('completion');
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
  });

  test('the name of training_dataset is completed with the datasets of examples/', async () => {
    const dir = join(s.workspace, 'datasets');
    const names = readdirSync(dir).filter((n) => n.endsWith('.dataset.json')).map((n) => (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { name: string }).name);
    assert.ok(names.length >= 5, `examples/datasets has datasets: ${names.join(', ')}`);

    const lines = readFileSync(join(s.workspace, MODEL), 'utf8').split('\n');
    const ref = lines.findIndex((l) => l.includes('"training_dataset"'));
    const nameLine = lines.findIndex((l, i) => i > ref && /^\s*"name": "/.test(l));
    assert.ok(ref >= 0 && nameLine > ref, `${MODEL} has training_dataset.name`);
    await s.openFile(MODEL);
    // Just inside the value's opening quote, so the typed prefix is empty.
    await s.goTo(nameLine + 1, lines[nameLine]!.indexOf(': "') + 4);
    await s.waitForActivation('modelops.modelops');
    // Until the language server has indexed the folder, only word-based suggestions come.
    let labels: string[] = [];
    const deadline = Date.now() + 60_000;
    do {
      labels = (await s.completionLabels('completion')).map((l) => l.replace(/^"|"$/g, ''));
    } while (!labels.some((l) => names.includes(l)) && Date.now() < deadline);
    for (const n of names) assert.ok(labels.includes(n), `completion offers "${n}"; it offers: ${labels.join(', ')}`);
  });
});
