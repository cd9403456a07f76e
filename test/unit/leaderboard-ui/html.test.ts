import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, leaderboardHtml, newNonce } from '../../../src/leaderboard/html';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const inputs = (nonce = newNonce()) => ({
  cspSource: CSP_SOURCE, nonce,
  scriptUri: `${CSP_SOURCE}/ext/dist/webview/leaderboard.js`,
  styleUri: `${CSP_SOURCE}/ext/dist/webview/leaderboard.css`,
});

function csp(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  return m[1]!;
}

test('the CSP denies everything by default and allows scripts only by this page\'s nonce', () => {
  const nonce = newNonce();
  const html = leaderboardHtml(inputs(nonce));
  const policy = csp(html);
  const directives = new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1)]));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('style-src'), [CSP_SOURCE, `'nonce-${nonce}'`]);
  assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(policy), policy);
  assert.equal(policy, contentSecurityPolicy(CSP_SOURCE, nonce), 'the same policy as the browser test harness uses');
});

test('every script carries the nonce and comes from the bundle; the css is linked from the extension', () => {
  const nonce = newNonce();
  const html = leaderboardHtml(inputs(nonce));
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]!, new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
  assert.match(scripts[0]!, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/leaderboard\.js"/);
  assert.match(html, /<link rel="stylesheet" href="[^"]+\/dist\/webview\/leaderboard\.css">/);
  assert.match(html, /<div id="app"><\/div>/);
});

test('each page gets a fresh nonce; a weak nonce is refused', () => {
  const a = newNonce();
  const b = newNonce();
  assert.notEqual(a, b);
  assert.ok(Buffer.from(a, 'base64').length >= 16);
  assert.throws(() => leaderboardHtml(inputs('abc')), /nonce/);
  assert.throws(() => leaderboardHtml(inputs('x" onload="alert(1)')), /nonce/);
});

test('URIs cannot break out of their attribute', () => {
  const html = leaderboardHtml({ ...inputs(), scriptUri: 'https://x/a"><script>alert(1)</script>' });
  assert.equal([...html.matchAll(/<script\b/g)].length, 1);
});
