// Serves the built leaderboard bundle from a temp folder on 127.0.0.1 inside a page that mirrors
// the real webview's HTML (strict CSP, nonce'd scripts), with a stand-in for acquireVsCodeApi that
// records posted messages and keeps state in localStorage. Used by the browser test and the bench.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const REPO = join(__dirname, '..', '..');
const BUNDLE = join(REPO, 'dist', 'webview', 'leaderboard.js');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds the bundles when the leaderboard bundle is missing or older than its sources. */
export function ensureBundle(): void {
  const sources = Math.max(newest(join(REPO, 'webview', 'leaderboard')), newest(join(REPO, 'src', 'core', 'leaderboard')));
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(BUNDLE)) throw new Error(`build failed: ${r.stderr || r.stdout}`);
}

export interface PageOptions {
  /** Leave the CSP out (to show that text-only rendering, not only the CSP, stops markup). */
  noCsp?: boolean;
  /** Body class VS Code sets: vscode-light, vscode-dark, vscode-high-contrast. */
  theme?: string;
}

export interface Harness {
  browser: Browser;
  url(options?: PageOptions): string;
  open(options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), 'leaderboard-webview-'));
  copyFileSync(BUNDLE, join(dir, 'leaderboard.js'));
  copyFileSync(BUNDLE.replace(/\.js$/, '.css'), join(dir, 'leaderboard.css'));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = url.pathname.slice(1) || 'index.html';
    if (name === 'index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page(origin, { noCsp: url.searchParams.has('nocsp'), theme: url.searchParams.get('theme') ?? 'vscode-dark' }));
      return;
    }
    try {
      const body = await readFile(join(dir, name.replace(/[^\w.-]/g, '')));
      res.writeHead(200, { 'content-type': extname(name) === '.css' ? 'text/css' : 'text/javascript' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const url = (o: PageOptions = {}) => `${origin}/index.html?${o.noCsp ? 'nocsp&' : ''}theme=${o.theme ?? 'vscode-dark'}`;
  return {
    browser,
    url,
    async open(o = {}) {
      const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await p.goto(url(o));
      await p.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
      return p;
    },
    async close() {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The page, as the extension's webview HTML will be: CSP with a nonce, the bundle and its css. */
function page(cspSource: string, o: PageOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; img-src ${cspSource}; font-src ${cspSource}; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
${o.noCsp ? '' : `<meta http-equiv="Content-Security-Policy" content="${csp}">`}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${cspSource}/leaderboard.css">
<style nonce="${nonce}">
  html { --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-foreground: #cccccc; --vscode-editor-background: #1e1e1e;
    --vscode-list-activeSelectionBackground: #04395e; --vscode-list-activeSelectionForeground: #ffffff; --vscode-focusBorder: #007fd4; }
  body.vscode-light { --vscode-foreground: #3b3b3b; --vscode-editor-background: #ffffff; }
  body.vscode-high-contrast { --vscode-foreground: #ffffff; --vscode-editor-background: #000000; --vscode-contrastBorder: #6fc3df; --vscode-contrastActiveBorder: #f38518; }
</style>
<title>Leaderboard</title>
</head>
<body class="${o.theme ?? 'vscode-dark'}">
<div id="app"></div>
<script nonce="${nonce}">
  // Stand-in for the object VS Code injects.
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => JSON.parse(localStorage.getItem('webviewState') || 'null') ?? undefined,
    setState: (s) => localStorage.setItem('webviewState', JSON.stringify(s)),
  });
</script>
<script nonce="${nonce}" src="${cspSource}/leaderboard.js"></script>
</body>
</html>`;
}

/** Send the page a message the way the extension does, and wait until it has been handled. */
export async function send(p: Page, message: unknown): Promise<void> {
  await p.evaluate((m) => window.dispatchEvent(new MessageEvent('message', { data: m })), message);
}

