import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobArg, modelUriArg } from '../../../src/training/args';
import { taskDefinitionProblem } from '../../../src/training/taskDefinition';
import { parseHostsSetting, sshConfigAliases, targetChoices } from '../../../src/training/targets';

test('modelops.slurm.hosts: valid entries kept, each bad one named with why', () => {
  const { hosts, problems } = parseHostsSetting([
    { name: 'hpc', host: 'login.hpc.example', port: 2222, user: 'ana', identityFile: '~/.ssh/id_ed25519', remoteDir: 'repo' },
    { name: 'lab', host: 'lab.example' },
    { name: 'x' },
    { name: 'hpc', host: 'other' },
    { name: 'p', host: 'h', port: 70000 },
    'nope',
  ]);
  assert.deepEqual(hosts, [
    { name: 'hpc', host: 'login.hpc.example', port: 2222, user: 'ana', identityFile: '~/.ssh/id_ed25519', remoteDir: 'repo' },
    { name: 'lab', host: 'lab.example' },
  ]);
  assert.equal(problems.length, 4);
  assert.match(problems[0], /hosts\[2\] \(x\): "host"/);
  assert.match(problems[1], /second host named "hpc"/);
  assert.match(problems[2], /"port" must be a port number/);
  assert.match(problems[3], /hosts\[5\] is not an object/);
  assert.deepEqual(parseHostsSetting({}).problems, ['modelops.slurm.hosts must be an array of {name, host, …}']);
});

test('~/.ssh/config aliases: literal names only, no patterns, no duplicates', () => {
  const text = 'Host *\n  ServerAliveInterval 30\nHost hpc hpc-gpu\n  HostName login.hpc\nhost = lab\nHost !bad *.corp dev?\nMatch host x\nHost hpc\n';
  assert.deepEqual(sshConfigAliases(text), ['hpc', 'hpc-gpu', 'lab']);
});

test('Train… choices: local, local sbatch, settings hosts, then config aliases; the spec\'s target first', () => {
  const hosts = [{ name: 'hpc', host: 'login.hpc', user: 'ana', port: 2222 }];
  const all = targetChoices(hosts, ['hpc', 'lab']);
  assert.deepEqual(all.map((c) => c.label), ['Local', 'Slurm (this machine)', 'Slurm on hpc', 'Slurm on lab']);
  assert.equal(all[2].description, 'ana@login.hpc:2222 · settings');
  assert.deepEqual(all.map((c) => [c.target, c.host]), [['local', undefined], ['slurm', undefined], ['slurm', 'hpc'], ['slurm', 'lab']]);
  assert.equal(targetChoices(hosts, ['lab'], { target: 'slurm', host: 'lab' })[0].label, 'Slurm on lab');
  assert.equal(targetChoices(hosts, [], { target: 'slurm' })[0].label, 'Slurm (this machine)');
  assert.equal(targetChoices(hosts, [], { target: 'local' })[0].label, 'Local');
});

test('command arguments: a Models view row, an explorer Uri, a job row; anything else is ignored', () => {
  assert.equal(modelUriArg({ type: 'model', uri: 'file:///w/m.model.json', id: 'x' }), 'file:///w/m.model.json');
  assert.equal(modelUriArg({ type: 'dataset', uri: 'file:///w/d.json' }), undefined);
  const uriLike = { scheme: 'file', fsPath: '/w/m.model.json', toString: () => 'file:///w/m.model.json' };
  assert.equal(modelUriArg(uriLike), 'file:///w/m.model.json');
  assert.equal(modelUriArg('file:///w/m.model.json'), undefined);
  assert.equal(jobArg({ job_id: '1' }), undefined);
  const j = { job_id: '20261123-120000-abcdef', log_path: '/l', status: 'running', snapshot: {}, model: {} };
  assert.equal(jobArg(j), j);
});

test('modelops task definitions: model required; target local|slurm; host only with slurm', () => {
  assert.equal(taskDefinitionProblem({ type: 'modelops', model: 'models/a.model.json' }), undefined);
  assert.equal(taskDefinitionProblem({ type: 'modelops', model: 'm', target: 'slurm', host: 'hpc' }), undefined);
  assert.match(taskDefinitionProblem({ type: 'modelops' })!, /needs "model"/);
  assert.match(taskDefinitionProblem({ type: 'modelops', model: 'm', target: 'cloud' })!, /"target" must be "local" or "slurm", not "cloud"/);
  assert.match(taskDefinitionProblem({ type: 'modelops', model: 'm', target: 'local', host: 'hpc' })!, /only applies to target "slurm"/);
});
