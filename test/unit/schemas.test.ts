// The built-in schemas: they compile (strictly), accept the users' examples and every clean file of
// examples/, reject bad documents at the right place, document every property, and match types.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import picomatch from 'picomatch';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allTaxonomyPaths, isKnownTaxonomyPath } from '../../src/core/metadata/taxonomy';
import type {
  DatasetMetadata, DatasetReference, EvaluationSpec, Kind, ModelMetadata, ModelOpsConfig, ResultsMetadata,
  SlurmResources, TrainingSpec,
} from '../../src/core/metadata/types';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');
// The users' two examples, as committed under examples/ (byte-compared with the originals when those exist).
const USER_EXAMPLES = join(EXAMPLES, 'user-examples');
const ORIGINALS = '/work/shared/user-examples';
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

type SchemaName = Kind | 'modelops-config';
type Json = Record<string, unknown>;
const SCHEMAS: Record<SchemaName, Json> = {
  dataset: readJson(join(ROOT, 'schemas/dataset.schema.json')) as Json,
  model: readJson(join(ROOT, 'schemas/model.schema.json')) as Json,
  results: readJson(join(ROOT, 'schemas/results.schema.json')) as Json,
  'modelops-config': readJson(join(ROOT, 'schemas/modelops-config.schema.json')) as Json,
};

// strict: true makes ajv reject sloppy schemas (unknown keywords, type-less constraints, ...);
// the editor keywords that vscode-json-languageservice reads are declared as a vocabulary.
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addVocabulary(['markdownDescription', 'markdownEnumDescriptions', 'enumDescriptions', 'defaultSnippets', 'deprecationMessage', 'patternErrorMessage', 'errorMessage']);
const validators = Object.fromEntries(
  Object.entries(SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]),
) as Record<SchemaName, ValidateFunction>;

function errorsOf(name: SchemaName, doc: unknown): ErrorObject[] {
  const v = validators[name];
  return v(doc) ? [] : [...(v.errors ?? [])];
}
const show = (errors: ErrorObject[]) => errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

// The default placement rules (no config file).
const PLACEMENT: [Kind, string[]][] = [
  ['model', ['**/model_metadata/**/*.json', '**/*.model.json']],
  ['dataset', ['**/dataset_metadata/**/*.json', '**/*.dataset.json']],
  ['results', ['**/results/**/*.json', '**/*.results.json']],
];
function kindOf(rel: string): Kind | undefined {
  for (const [kind, globs] of PLACEMENT) if (picomatch(globs)(rel)) return kind;
  return undefined;
}
function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

// The deliberately broken files of examples/, described in examples/README.md.
const DELIBERATE = new Set([
  'user-examples/dataset_metadata/dataset_metadata.json',
  'user-examples/model_metadata/model_metadata.json',
  'models/broken-reference.model.json',
]);

test('the schemas are 2020-12, with the agreed $id', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', name);
    assert.equal(schema.$id, `https://modelops.dev/schemas/${name}.schema.json`, name);
    assert.ok(Array.isArray(schema.defaultSnippets) && schema.defaultSnippets.length > 0, `${name} has a root snippet`);
  }
});

test("the users' model example validates as is", () => {
  assert.deepEqual(errorsOf('model', readJson(join(USER_EXAMPLES, 'model_metadata/model_metadata.json'))), []);
});

test("the users' dataset example: not JSON as is; after the missing comma, only its non-ISO date fails (a format, i.e. a warning)", () => {
  const text = readFileSync(join(USER_EXAMPLES, 'dataset_metadata/dataset_metadata.json'), 'utf8');
  assert.throws(() => JSON.parse(text), SyntaxError);
  const fixed = text.replace('updated over"\n', 'updated over",\n');
  assert.notEqual(fixed, text, 'the comma was inserted');
  const errors = errorsOf('dataset', JSON.parse(fixed));
  assert.deepEqual(errors.map((e) => [e.instancePath, e.keyword, e.params]), [['/collection_date', 'format', { format: 'date' }]]);
});

test("examples/ holds the users' two examples byte for byte", (t) => {
  if (!existsSync(ORIGINALS)) { t.skip(`${ORIGINALS} is not on this machine`); return; }
  for (const [mine, theirs] of [
    ['user-examples/model_metadata/model_metadata.json', 'model_metadata.json'],
    ['user-examples/dataset_metadata/dataset_metadata.json', 'dataset_metadata.json'],
  ]) {
    assert.ok(readFileSync(join(EXAMPLES, mine)).equals(readFileSync(join(ORIGINALS, theirs))), mine);
  }
});

/** Every metadata file of examples/ with its kind and parsed content, deliberate ones left out. */
function cleanExamples(): { rel: string; kind: Kind; doc: Json }[] {
  const out: { rel: string; kind: Kind; doc: Json }[] = [];
  for (const p of files(EXAMPLES)) {
    const rel = relative(EXAMPLES, p).split('\\').join('/');
    const kind = kindOf(rel);
    if (!kind || DELIBERATE.has(rel)) continue;
    out.push({ rel, kind, doc: readJson(p) as Json });
  }
  return out;
}

test('every clean examples/ file validates against its schema, with no format problem', () => {
  const all = cleanExamples();
  const counts = { model: 0, dataset: 0, results: 0 };
  for (const { rel, kind, doc } of all) {
    counts[kind]++;
    const errors = errorsOf(kind, doc);
    assert.deepEqual(errors, [], `${rel}: ${show(errors)}`);
  }
  assert.ok(counts.model >= 6 && counts.dataset >= 3 && counts.results >= 4, JSON.stringify(counts));
});

test('examples/ is clean across files: references resolve with matching name and version, taxonomy is known, lineage has no cycle', () => {
  const all = cleanExamples();
  const byPath = new Map(all.map((f) => [join(EXAMPLES, f.rel), f]));
  const checkRef = (from: string, ref: Json, kind: Kind) => {
    const target = resolve(dirname(join(EXAMPLES, from)), String(ref.metadata_reference));
    const hit = byPath.get(target);
    assert.ok(hit, `${from}: ${ref.metadata_reference} is not a clean example file`);
    assert.equal(hit.kind, kind, `${from}: ${ref.metadata_reference} kind`);
    const [nameKey, versionKey] = kind === 'model' ? ['model_name', 'model_version'] : ['name', 'version'];
    assert.equal(hit.doc[nameKey], ref.name, `${from}: name of ${ref.metadata_reference}`);
    assert.equal(hit.doc[versionKey], ref.version, `${from}: version of ${ref.metadata_reference}`);
  };
  let refs = 0;
  const parents = new Map<string, string[]>();
  for (const { rel, kind, doc } of all) {
    if (kind === 'model') {
      const m = doc as unknown as ModelMetadata;
      for (const r of [m.training_dataset, m.validation_dataset, m.test_dataset, m.evaluation?.dataset]) {
        if (r) { checkRef(rel, r as unknown as Json, 'dataset'); refs++; }
      }
      if (m.artifacts?.onnx) assert.match(m.artifacts.onnx, /^\.\.\/artifacts\/[\w-]+\.onnx$/, rel);
    } else if (kind === 'dataset') {
      const d = doc as unknown as DatasetMetadata;
      assert.ok(d.taxonomy && d.taxonomy.length > 0, `${rel} has a taxonomy`);
      for (const t of d.taxonomy) assert.ok(isKnownTaxonomyPath(t), `${rel}: taxonomy ${t}`);
      for (const r of d.derived_from ?? []) { checkRef(rel, r as unknown as Json, 'dataset'); refs++; }
      parents.set(rel, (d.derived_from ?? []).map((r) => relative(EXAMPLES, resolve(dirname(join(EXAMPLES, rel)), r.metadata_reference ?? ''))));
      if (d.path) {
        const data = resolve(dirname(join(EXAMPLES, rel)), d.path);
        assert.ok(existsSync(data), `${rel}: data file ${d.path}`);
        if (d.rows !== undefined) assert.equal(readFileSync(data, 'utf8').trim().split('\n').length - 1, d.rows, `${rel}: rows`);
      }
    } else {
      const r = doc as unknown as ResultsMetadata;
      checkRef(rel, r.model as unknown as Json, 'model');
      checkRef(rel, r.dataset as unknown as Json, 'dataset');
      refs += 2;
    }
  }
  assert.ok(refs >= 30, `references checked: ${refs}`);
  // No cycle: every chain of derived_from ends.
  const depth = (rel: string, seen: string[]): number => {
    assert.ok(!seen.includes(rel), `cycle: ${[...seen, rel].join(' -> ')}`);
    return 1 + Math.max(0, ...(parents.get(rel) ?? []).map((p) => depth(p, [...seen, rel])));
  };
  assert.equal(depth('datasets/iris-test.dataset.json', []), 3, 'iris -> iris-clean -> iris-test');
  for (const rel of parents.keys()) depth(rel, []);
});

test('the deliberate broken reference is the only problem of its file', () => {
  const doc = readJson(join(EXAMPLES, 'models/broken-reference.model.json')) as ModelMetadata;
  assert.deepEqual(errorsOf('model', doc), []);
  const target = resolve(EXAMPLES, 'models', doc.training_dataset?.metadata_reference ?? '');
  assert.equal(existsSync(target), false);
});

test('bad documents fail at the expected place', () => {
  const model = { model_name: 'm' };
  const cases: [SchemaName, unknown, string, string][] = [
    // [schema, document, instancePath, keyword]
    ['model', { model_version: '1' }, '', 'required'],
    ['model', { model_name: 3 }, '/model_name', 'type'],
    ['model', { ...model, model_nmae: 'x' }, '', 'additionalProperties'],
    ['model', { ...model, hyperparameters: { learning_rate: 'fast' } }, '/hyperparameters/learning_rate', 'type'],
    ['model', { ...model, training_dataset: { name: 'd', metadata_ref: 'x' } }, '/training_dataset', 'additionalProperties'],
    ['model', { ...model, training: { command: 'x', target: 'cloud' } }, '/training/target', 'enum'],
    ['model', { ...model, training: { target: 'local' } }, '/training', 'required'],
    ['model', { ...model, training: { command: 'x', slurm: { time: '90 minutes' } } }, '/training/slurm/time', 'pattern'],
    ['model', { ...model, training: { command: 'x', slurm: { time: '1:60:00' } } }, '/training/slurm/time', 'pattern'],
    ['model', { ...model, training: { command: 'x', slurm: { mem: '16 GB' } } }, '/training/slurm/mem', 'pattern'],
    ['model', { ...model, training: { command: 'x', slurm: { nodes: 1.5 } } }, '/training/slurm/nodes', 'type'],
    ['model', { ...model, training: { command: 'x', slurm: { extra_directives: ['#SBATCH --exclusive'] } } }, '/training/slurm/extra_directives/0', 'pattern'],
    ['model', { ...model, training: { command: 'x', env: { 'BAD-NAME': 'v' } } }, '/training/env', 'propertyNames'],
    ['model', { ...model, training: { command: 'x', env: { N: 4 } } }, '/training/env/N', 'type'],
    ['model', { ...model, evaluation: { dataset: { name: 'd' }, inputs: [{ name: 'x', columns: ['a'], dtype: 'float16' }], label_column: 'y', task: 'classification' } }, '/evaluation/inputs/0/dtype', 'enum'],
    ['model', { ...model, evaluation: { dataset: { name: 'd' }, inputs: [], label_column: 'y', task: 'ranking' } }, '/evaluation/task', 'enum'],
    ['model', { ...model, model_citations: [{ title: 't', year: '2020' }] }, '/model_citations/0/year', 'type'],
    ['model', { ...model, model_training_date: '27/04/2023' }, '/model_training_date', 'format'],
    ['dataset', {}, '', 'required'],
    ['dataset', { name: 'd', sha256: 'abc' }, '/sha256', 'pattern'],
    ['dataset', { name: 'd', files: [{ path: 'a.csv', format: 'xlsx' }] }, '/files/0/format', 'enum'],
    ['dataset', { name: 'd', derived_from: [{ name: 'p', transfrom: 'x' }] }, '/derived_from/0', 'additionalProperties'],
    ['dataset', { name: 'd', log: [{ date: '2024-01-01' }] }, '/log/0', 'required'],
    ['dataset', { name: 'd', rows: -1 }, '/rows', 'minimum'],
    ['dataset', { name: 'd', taxonomy: ['web//news'] }, '/taxonomy/0', 'pattern'],
    ['results', { model: { name: 'm' }, dataset: { name: 'd' }, metrics: { accuracy: '93%' } }, '/metrics/accuracy', 'type'],
    ['results', { model: { name: 'm' }, dataset: { name: 'd' }, metrics: { bleu: null } }, '/metrics/bleu', 'type'],
    ['results', { model: { name: 'm' }, dataset: { name: 'd' }, metrics: {} }, '/metrics', 'minProperties'],
    ['results', { model: { name: 'm' }, metrics: { a: 1 } }, '', 'required'],
    ['results', { model: { name: 'm' }, dataset: { name: 'd' }, metrics: { a: 1 }, evaluated_at: '2024-05-01' }, '/evaluated_at', 'format'],
    ['results', { model: { name: 'm' }, dataset: { name: 'd' }, metrics: { a: 1 }, n_shot: -1 }, '/n_shot', 'minimum'],
    ['modelops-config', { registries: [{ kind: 'models', include: ['a/**'] }] }, '/registries/0/kind', 'enum'],
    ['modelops-config', { registries: [{ kind: 'model', include: [] }] }, '/registries/0/include', 'minItems'],
    ['modelops-config', { registries: [], taxnomy: {} }, '', 'additionalProperties'],
  ];
  for (const [name, doc, path, keyword] of cases) {
    const errors = errorsOf(name, doc);
    assert.ok(errors.some((e) => e.instancePath === path && e.keyword === keyword),
      `${name} ${JSON.stringify(doc)}: expected ${keyword} at "${path}", got ${show(errors) || 'no error'}`);
  }
});

test('good variants pass: x- extensions, free maps, both log forms, gpus forms, decision forms, size forms', () => {
  const model = {
    model_name: 'm', 'x-team': { anything: true },
    hyperparameters: { learning_rate: 0.1, scheduler: 'cosine', layers: [1, 2] },
    model_performance_metrics: { accuracy: 0.9, bleu: 31.2 },
    training: { command: 'python3 t.py', target: 'slurm', host: 'hpc', slurm: { gpus: 'a100:2', time: '1-12:00:00', mem: '64000M' } },
    evaluation: { dataset: { name: 'd' }, inputs: [{ name: 'x', columns: ['a', 'b'], shape: [2] }], label_column: 'y', task: 'classification', decision: { threshold: 0.5 } },
  };
  assert.deepEqual(errorsOf('model', model), []);
  assert.deepEqual(errorsOf('model', { ...model, training: { command: 'x', slurm: { gpus: 2, time: '48:00:00' } } }), []);
  assert.deepEqual(errorsOf('dataset', { name: 'd', log: 'one string', size: 'x Gb' }), []);
  assert.deepEqual(errorsOf('dataset', { name: 'd', log: ['a line', { date: '2024-01-01T10:00:00Z', action: 'split', parameters: { seed: 1 } }], size: 123456 }), []);
  assert.deepEqual(errorsOf('results', { model: { name: 'm' }, dataset: { name: 'd' }, metrics: { acc: 0.5 }, source: 'my-own-harness', details: { confusion: [[1, 0], [0, 1]] } }), []);
  assert.deepEqual(errorsOf('modelops-config', { registries: [{ kind: 'model', include: ['m/**/*.json'], schema: 'schemas/m.json' }], taxonomy: { extra: ['web/wikis'] }, leaderboard: { sort: 'accuracy' } }), []);
});

/** Every (sub)schema reachable from `schema`, with a JSON-pointer-like path. */
function* subschemas(schema: unknown, path: string): Generator<[string, Json]> {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Json;
  yield [path, s];
  for (const key of ['properties', 'patternProperties', '$defs']) {
    for (const [k, v] of Object.entries((s[key] as Json | undefined) ?? {})) yield* subschemas(v, `${path}/${key}/${k}`);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'not']) yield* subschemas(s[key], `${path}/${key}`);
  for (const key of ['oneOf', 'anyOf', 'allOf']) {
    for (const [i, v] of ((s[key] as unknown[] | undefined) ?? []).entries()) yield* subschemas(v, `${path}/${key}/${i}`);
  }
}

test('every property in every schema has a description', () => {
  let properties = 0;
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    for (const [path, s] of subschemas(schema, name)) {
      for (const key of ['properties', 'patternProperties']) {
        for (const [prop, sub] of Object.entries((s[key] as Json | undefined) ?? {})) {
          properties++;
          const d = (sub as Json).description;
          assert.ok(typeof d === 'string' && d.length > 5, `${path}/${key}/${prop} has no description`);
        }
      }
      if (Array.isArray(s.enum) && s.enum.length > 1 && s.markdownEnumDescriptions) {
        assert.equal((s.markdownEnumDescriptions as unknown[]).length, s.enum.length, `${path}: one enum description per value`);
      }
    }
  }
  assert.ok(properties > 120, `properties walked: ${properties}`);
});

test('the dataset schema suggests exactly the taxonomy of taxonomy.ts', () => {
  const items = ((SCHEMAS.dataset.properties as Json).taxonomy as Json).items as Json;
  const examples = items.examples as string[];
  assert.deepEqual(examples, [...allTaxonomyPaths().filter((p) => p !== 'specific_datasets'), 'specific_datasets/finance']);
  for (const e of examples) assert.ok(isKnownTaxonomyPath(e), e);
});

// types.ts mirrors the schemas: each list below must name exactly the interface's keys (tsc checks
// that), and exactly the schema's properties (this test checks that).
type Keys<T> = Record<Exclude<keyof T, `x-${string}`>, true>;
const typeKeys = {
  dataset: {
    $schema: true, name: true, version: true, description: true, log: true, size: true, source: true, format: true,
    privacy: true, license: true, citations: true, known_issues: true, collection_date: true, taxonomy: true,
    derived_from: true, path: true, files: true, rows: true, sha256: true, columns: true,
  } satisfies Keys<DatasetMetadata>,
  model: {
    $schema: true, model_name: true, model_version: true, model_architecture: true, hyperparameters: true,
    model_training_date: true, model_authors: true, model_description: true, training_dataset: true,
    validation_dataset: true, test_dataset: true, model_performance_metrics: true, model_input_output_description: true,
    model_limitations: true, model_dependencies: true, model_license: true, model_citations: true, parameters: true,
    model_type: true, base_model: true, tags: true, hf_id: true, training: true, artifacts: true, evaluation: true,
  } satisfies Keys<ModelMetadata>,
  results: {
    $schema: true, model: true, dataset: true, metrics: true, split: true, samples_evaluated: true,
    duration_seconds: true, evaluated_at: true, source: true, task: true, n_shot: true, details: true, notes: true,
  } satisfies Keys<ResultsMetadata>,
  config: { $schema: true, registries: true, taxonomy: true, leaderboard: true } satisfies Keys<ModelOpsConfig>,
  training: { command: true, working_directory: true, env: true, target: true, host: true, slurm: true } satisfies Keys<TrainingSpec>,
  slurm: {
    job_name: true, partition: true, nodes: true, ntasks: true, gpus: true, cpus_per_task: true, mem: true, time: true,
    account: true, qos: true, modules: true, setup: true, extra_directives: true,
  } satisfies Keys<SlurmResources>,
  evaluation: {
    dataset: true, inputs: true, label_column: true, task: true, output: true, decision: true, labels: true, split: true, batch_size: true,
  } satisfies Keys<EvaluationSpec>,
  reference: { name: true, version: true, metadata_reference: true } satisfies Keys<DatasetReference>,
};

test('types.ts and the schemas name the same properties', () => {
  const props = (s: Json, ...path: string[]): string[] => {
    let cur = s;
    for (const p of path) cur = (cur.properties as Json)[p] as Json;
    return Object.keys(cur.properties as Json).sort();
  };
  const pairs: [object, string[]][] = [
    [typeKeys.dataset, props(SCHEMAS.dataset)],
    [typeKeys.model, props(SCHEMAS.model)],
    [typeKeys.results, props(SCHEMAS.results)],
    [typeKeys.config, props(SCHEMAS['modelops-config'])],
    [typeKeys.training, props(SCHEMAS.model, 'training')],
    [typeKeys.slurm, props(SCHEMAS.model, 'training', 'slurm')],
    [typeKeys.evaluation, props(SCHEMAS.model, 'evaluation')],
    [typeKeys.reference, props(SCHEMAS.model, 'training_dataset')],
    [typeKeys.reference, props(SCHEMAS.results, 'model')],
  ];
  for (const [keys, schemaProps] of pairs) assert.deepEqual(Object.keys(keys).sort(), schemaProps);
});

// The schemas drive completion and hover through vscode-json-languageservice: check what it offers.
const jsonService = getLanguageService({ schemaRequestService: (uri) => Promise.reject(new Error(`no download of ${uri}`)) });
jsonService.configure({
  validate: true,
  schemas: (['dataset', 'model', 'results'] as const).map((k) => ({ uri: SCHEMAS[k].$id as string, fileMatch: [`*.${k}.json`], schema: SCHEMAS[k] })),
});
/** The document with `|` removed, and the cursor where it was. */
function at(kind: Kind, text: string) {
  const doc = TextDocument.create(`file:///ws/x.${kind}.json`, 'json', 1, text.replace('|', ''));
  return { doc, pos: doc.positionAt(text.indexOf('|')), json: jsonService.parseJSONDocument(doc) };
}
async function labels(kind: Kind, text: string): Promise<string[]> {
  const { doc, pos, json } = at(kind, text);
  return ((await jsonService.doComplete(doc, pos, json))?.items ?? []).map((i) => i.label);
}
async function hoverText(kind: Kind, text: string): Promise<string> {
  const { doc, pos, json } = at(kind, text);
  return JSON.stringify((await jsonService.doHover(doc, pos, json))?.contents ?? '');
}

test('completion: root skeletons, enums, suggested values, keys of nested objects', async () => {
  assert.deepEqual(await labels('model', '|'), ['model metadata']);
  assert.deepEqual(await labels('dataset', '|'), ['dataset metadata']);
  assert.deepEqual(await labels('results', '{"source": |}'), ['"local-onnx"', '"lm-evaluation-harness"', '"open-llm-leaderboard"', '"manual"', '"imported"']);
  assert.deepEqual(await labels('model', '{"training": {"target": |}}'), ['"local"', '"slurm"']);
  assert.deepEqual(await labels('model', '{"training": {|}}'), ['command', 'working_directory', 'env', 'target', 'host', 'slurm']);
  const taxonomy = await labels('dataset', '{"taxonomy": [|]}');
  assert.ok(taxonomy.includes('"web/news"') && taxonomy.includes('"books/literary/fiction"') && taxonomy.includes('"specific_datasets/finance"'), taxonomy.join());
  const slurm = await labels('model', '{"training": {"command": "x", "slurm": {|}}}');
  assert.ok(['partition', 'gpus', 'time', 'mem', 'extra_directives'].every((k) => slurm.includes(k)), slurm.join());
});

test('hover shows the markdown descriptions; pattern problems read as sentences', async () => {
  assert.match(await hoverText('model', '{"training": {"command": "x", "tar|get": "local"}}'), /Where the command runs/);
  assert.match(await hoverText('dataset', '{"tax|onomy": []}'), /specific_datasets\/<focus>/);
  assert.match(await hoverText('results', '{"model": {"metadata_ref|erence": "m.json"}}'), /relative to this file/);
  const { doc, json } = at('model', '{"model_name": "x", "model_nmae": 1, "training": {"command": "x", "slurm": {"time": "90 minutes"}}}|');
  const messages = (await jsonService.doValidation(doc, json)).map((d) => d.message);
  assert.deepEqual(messages.sort(), [
    'Property model_nmae is not allowed.',
    'Write the time limit as "HH:MM:SS" or "D-HH:MM:SS", e.g. "04:00:00" or "1-12:00:00".',
  ]);
});
