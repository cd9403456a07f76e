import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordSecretKey, storedPasswordHooks } from '../../../src/core/training/sshPasswords';

const login = { name: 'cluster', host: 'login.example', port: 2200, user: 'ada' };

function memory() {
  const map = new Map<string, string>();
  return { map, get: async (k: string) => map.get(k), store: async (k: string, v: string) => { map.set(k, v); }, delete: async (k: string) => { map.delete(k); } };
}

test('the secret key names user@host:port', () => {
  assert.equal(passwordSecretKey(login), 'modelops.ssh.password:ada@login.example:2200');
  assert.notEqual(passwordSecretKey({ ...login, port: 22 }), passwordSecretKey(login));
  assert.notEqual(passwordSecretKey({ ...login, user: 'bob' }), passwordSecretKey(login));
});

test('asked once and stored; the stored one is reused; a refused one is forgotten and asked again', async () => {
  const s = memory();
  const prompts: boolean[] = [];
  const answers = ['first', 'second'];
  const hooks = storedPasswordHooks(s, async (_l, rejected) => { prompts.push(rejected); return answers.shift(); });
  assert.equal(await hooks.askPassword(login, false), 'first');
  assert.equal(s.map.get(passwordSecretKey(login)), 'first');
  assert.equal(await hooks.askPassword(login, false), 'first');
  assert.deepEqual(prompts, [false]);
  await hooks.passwordRejected(login);
  assert.equal(s.map.size, 0);
  assert.equal(await hooks.askPassword(login, true), 'second');
  assert.deepEqual(prompts, [false, true]);
  assert.equal(s.map.get(passwordSecretKey(login)), 'second');
});

test('after a refusal the prompt is asked even if something is stored; a cancelled prompt stores nothing', async () => {
  const s = memory();
  s.map.set(passwordSecretKey(login), 'stale');
  let prompted = 0;
  const hooks = storedPasswordHooks(s, async () => { prompted++; return undefined; });
  assert.equal(await hooks.askPassword(login, true), undefined);
  assert.equal(prompted, 1);
  assert.equal(s.map.get(passwordSecretKey(login)), 'stale');
  assert.equal(await hooks.askPassword({ ...login, user: 'bob' }, false), undefined);
  assert.equal(s.map.size, 1);
});
