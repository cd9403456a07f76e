// End-to-end harness: a real VS Code (code-server) with the freshly packed VSIX in a fresh
// profile, driven by Debian's Chromium through playwright-core, on a temp copy of examples/.
// Every session is torn down (browser, code-server's process group, temp folders) even when a
// scenario fails; its last screenshot and logs go to test-results/e2e/.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { createProfile, freePort, installVsix, listExtensions, startCodeServer, type Profile, type RunningCodeServer } from '../../scripts/code-server.mjs';
import { acquireDirLock } from '../../scripts/dir-lock.mjs';
import { installCodeServer, missingPrerequisites } from '../../scripts/install-code-server.mjs';
import { packageVsix, repoRoot } from '../../scripts/package.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const RESULTS_DIR = join(repoRoot, 'test-results', 'e2e');
/** Generous: the machine has 2 cores shared with the rest of the test suite. */
export const UI_TIMEOUT = 60_000;
export const START_TIMEOUT = 5 * 60_000;

/**
 * Why the e2e tests cannot run on this machine, or undefined. In CI nothing is skipped: a
 * missing prerequisite there is a failure of the CI script, so the tests run and fail loudly.
 */
export function e2eSkipReason(): string | undefined {
  if (process.env.CI) return undefined;
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  return missingPrerequisites();
}

/** Sizes and times of everything the VSIX is made from: the packed VSIX is reused while equal. */
function packInputs(): string {
  const list: string[] = [];
  const add = (p: string): void => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const n of readdirSync(p).sort()) add(join(p, n));
    else list.push(`${p}:${st.size}:${st.mtimeMs}`);
  };
  for (const p of ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'dist', 'schemas', 'media']) add(join(repoRoot, p));
  return list.join('\n');
}

/**
 * The VSIX under test: $MODELOPS_E2E_VSIX if given, else packed from the current dist/ into
 * out/e2e/ once for all e2e files (under a lock; re-packed when its inputs change) and copied
 * into `dir`, so a later re-pack by another process cannot pull it away mid-install. dist/ is
 * not rebuilt here: `npm test` and `npm run test:e2e` build first, and other test files run
 * dist/cli.js concurrently.
 */
export function vsixUnderTest(dir: string): string {
  if (process.env.MODELOPS_E2E_VSIX) return process.env.MODELOPS_E2E_VSIX;
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const shared = join(repoRoot, 'out', 'e2e');
  mkdirSync(shared, { recursive: true });
  const vsix = join(shared, 'modelops-e2e.vsix');
  const stamp = join(shared, 'modelops-e2e.inputs');
  const copy = join(dir, 'modelops.vsix');
  const release = acquireDirLock(join(shared, '.pack.lock'));
  try {
    const inputs = packInputs();
    if (!existsSync(vsix) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== inputs) {
      rmSync(stamp, { force: true });
      packageVsix({ build: false, out: vsix });
      writeFileSync(stamp, inputs);
    }
    copyFileSync(vsix, copy);
  } finally {
    release();
  }
  return copy;
}

/** Process groups and browsers still open, ended if the test process is stopped. */
const live = new Set<E2ESession>();
function killAllSync(): void {
  for (const s of live) s.killSync();
}
process.once('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAllSync();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

export interface StartOptions {
  /** Folder copied into the session's workspace; default examples/. */
  workspaceFrom?: string;
  /** Extra user settings for the fresh profile. */
  settings?: Record<string, unknown>;
}

export interface Problem {
  severity: 'error' | 'warning' | 'info';
  /** "<folder>/<file name>" as the panel groups it; folder is relative to the workspace root. */
  file: string;
  message: string;
  line: number;
  column: number;
  /** Who reported it, as the panel says ("json", "modelops", ...). */
  source: string;
  /** The row's full accessible text, for assertion messages. */
  text: string;
}

/** Polls `fn` until it gives a value, with a deadline: what a person waits for, never a fixed sleep. */
export async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = UI_TIMEOUT, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export class E2ESession {
  private closed = false;
  private constructor(
    readonly scenario: string,
    readonly root: string,
    readonly entry: string,
    readonly profile: Profile,
    readonly workspace: string,
    readonly vsix: string,
    readonly server: RunningCodeServer,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** Installs code-server if needed, packs and installs the VSIX, starts both, opens the workbench. */
  static async start(scenario: string, options: StartOptions = {}): Promise<E2ESession> {
    const { entry } = installCodeServer();
    const root = mkdtempSync(join(tmpdir(), `modelops-e2e-${scenario}-`));
    let server: RunningCodeServer | undefined;
    let context: BrowserContext | undefined;
    try {
      const vsix = vsixUnderTest(root);
      const profile = createProfile(join(root, 'profile'), options.settings);
      const from = options.workspaceFrom ?? join(repoRoot, 'examples');
      const workspace = join(root, basename(from));
      cpSync(from, workspace, { recursive: true });
      installVsix(entry, profile, vsix);
      server = await startCodeServer({ entry, profile, port: await freePort(), folder: workspace });
      context = await chromium.launchPersistentContext(join(root, 'chromium'), {
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        headless: true,
        viewport: { width: 1400, height: 900 },
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(UI_TIMEOUT);
      const session = new E2ESession(scenario, root, entry, profile, workspace, vsix, server, context, page);
      live.add(session);
      await page.goto(server.folderUrl);
      await session.waitForWorkbench();
      return session;
    } catch (e) {
      await context?.close().catch(() => undefined);
      await server?.stop();
      rmSync(root, { recursive: true, force: true });
      throw e;
    }
  }

  /** The workbench is up with the folder open and the extension host connected. */
  async waitForWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: START_TIMEOUT });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: START_TIMEOUT });
  }

  /**
   * Developer: Reload Window, and waits for the ModelOps container again. The command, not a page
   * reload: it lets the workbench save its editors and webview states before going.
   */
  async reload(): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: START_TIMEOUT });
    await this.runCommand('Developer: Reload Window');
    await loaded;
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: START_TIMEOUT });
    const icon = this.page.locator('.activitybar .action-item a[aria-label^="ModelOps"]');
    await poll('the ModelOps container after the reload', async () => {
      if (await this.viewPane('Models').isVisible()) return true;
      if (await icon.isVisible()) await icon.click();
      await new Promise((r) => setTimeout(r, 1000));
      return undefined;
    });
  }

  /** Extension ids with versions that code-server reports as installed in this profile. */
  installedExtensions(): string[] {
    return listExtensions(this.entry, this.profile);
  }

  /** The text of every extension host log of this session (activation, errors). */
  extensionHostLog(): string {
    const logs: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/exthost.*\.log$/i.test(name)) logs.push(readFileSync(p, 'utf8'));
      }
    };
    const dir = join(this.profile.userDataDir, 'logs');
    if (existsSync(dir)) walk(dir);
    return logs.join('\n');
  }

  /**
   * Waits until the extension host log says the extension was activated and the status bar no
   * longer shows "Activating Extensions..."; returns the log line.
   */
  async waitForActivation(extensionId: string, timeoutMs = UI_TIMEOUT): Promise<string> {
    const line = await poll(`activation of ${extensionId} in the extension host log`, async () =>
      this.extensionHostLog().split('\n').find((l) => l.includes('ExtensionService#_doActivateExtension') && l.includes(` ${extensionId},`)),
    timeoutMs);
    await this.page.locator('.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached', timeout: timeoutMs });
    return line;
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The labels of the rows the open quick pick shows now. */
  async quickPickLabels(): Promise<string[]> {
    return this.quickInput().locator('.monaco-list-row .label-name').allInnerTexts();
  }

  /**
   * Runs a command from the palette as a person would: F1, type its title, pick the row whose
   * label is exactly that title. Retries until the command is registered (activation is async).
   */
  async runCommand(title: string, timeoutMs = UI_TIMEOUT): Promise<void> {
    const input = this.quickInput().locator('input.input');
    await poll(`command "${title}" in the palette`, async () => {
      if (!(await this.quickInput().isVisible())) await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`>${title}`);
      const row = this.quickInput().locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: title }) });
      const exact = row.filter({ has: this.page.getByText(title, { exact: true }) }).first();
      try {
        await exact.waitFor({ state: 'visible', timeout: 2000 });
      } catch {
        return undefined;
      }
      await exact.click();
      return true;
    }, timeoutMs);
    await this.quickInput().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }

  /** The titles the palette offers for `text` (for asserting a contributed command exists). */
  async paletteTitles(text: string): Promise<string[]> {
    if (!(await this.quickInput().isVisible())) await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input.input');
    await input.fill(`>${text}`);
    await this.quickInput().locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
    const labels = await this.quickPickLabels();
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** Opens a workspace file by Quick Open (Ctrl+P) and waits until its editor is active. */
  async openFile(relativePath: string): Promise<void> {
    const name = basename(relativePath);
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    const row = this.quickInput().locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: name }) }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible' });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
  }

  /**
   * The active editor's text as rendered. Monaco renders only the lines in view, so this is
   * the whole file only for files that fit on screen (the examples do).
   */
  async editorText(): Promise<string> {
    const lines = await this.page.locator('.editor-instance .monaco-editor .view-lines').first().evaluate((el) =>
      Array.from(el.querySelectorAll<HTMLElement>('.view-line'))
        .map((l) => ({ top: parseFloat(l.style.top || '0'), text: l.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  /** Opens the Problems panel and reads every marker row (files expanded). */
  async problems(): Promise<Problem[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible' });
    const labels = await panel.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    return parseProblemRows(labels);
  }

  /** Waits until the Problems panel's rows satisfy `pred`; returns them. */
  async waitForProblems(what: string, pred: (all: Problem[]) => boolean, timeoutMs = UI_TIMEOUT): Promise<Problem[]> {
    let seen: Problem[] = [];
    try {
      return await poll(what, async () => {
        seen = await this.problems();
        return pred(seen) ? seen : undefined;
      }, timeoutMs, 500);
    } catch (e) {
      throw new Error(`${(e as Error).message}\nProblems panel showed:\n${seen.map((p) => `  ${p.file}: ${p.text}`).join('\n') || '  (nothing)'}`);
    }
  }

  /** Waits until the Problems panel shows a problem matching `pred`; returns it. */
  async waitForProblem(what: string, pred: (p: Problem) => boolean, timeoutMs = UI_TIMEOUT): Promise<Problem> {
    const all = await this.waitForProblems(what, (ps) => ps.some(pred), timeoutMs);
    return all.find(pred)!;
  }

  /** Moves the cursor of the active editor to a 1-based line and column (Go to Line). */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
    await poll(`cursor at Ln ${line}, Col ${column}`, async () => {
      const status = await this.page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText();
      return new RegExp(`^Ln ${line}, Col ${column}(\\D|$)`).test(status) ? true : undefined;
    }, 10_000);
  }

  /** Opens the quick fix menu (Ctrl+.) at the cursor and applies the action titled `title`. */
  async applyQuickFix(title: string | RegExp): Promise<void> {
    const menu = this.page.locator('.action-widget');
    await poll(`quick fix "${title}"`, async () => {
      if (!(await menu.isVisible())) await this.page.keyboard.press('Control+.');
      const item = menu.locator('.monaco-list-row.action', { hasText: title }).first();
      try {
        await item.waitFor({ state: 'visible', timeout: 2000 });
      } catch {
        await this.page.keyboard.press('Escape');
        return undefined;
      }
      // The menu takes keys, not clicks (a pointer block covers it): walk the focus to the item.
      const rows = await menu.locator('.monaco-list-row').count();
      for (let i = 0; i <= rows; i++) {
        const focused = await menu.locator('.monaco-list-row.focused').innerText({ timeout: 1000 }).catch(() => '');
        if (typeof title === 'string' ? focused.includes(title) : title.test(focused)) {
          await this.page.keyboard.press('Enter');
          return true;
        }
        await this.page.keyboard.press('ArrowDown');
      }
      await this.page.keyboard.press('Escape');
      return undefined;
    });
    await menu.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
  }

  /**
   * Triggers completion (Ctrl+Space) at the cursor and returns every suggested label, walking
   * the (virtualised) list with the arrow keys. With `screenshot`, saves one while it is open.
   */
  async completionLabels(screenshot?: string): Promise<string[]> {
    const widget = this.page.locator('.editor-widget.suggest-widget');
    await this.page.keyboard.press('Control+Space');
    const focused = widget.locator('.monaco-list-row.focused');
    await focused.waitFor({ state: 'visible' });
    // Rows arrive as the providers answer: wait until two reads agree.
    let before = '';
    await poll('the completion list to settle', async () => {
      const now = `${await focused.getAttribute('aria-setsize')}|${(await widget.locator('.monaco-list-row .label-name').allInnerTexts()).join(',')}`;
      const same = now === before;
      before = now;
      return same ? true : undefined;
    }, 10_000, 300);
    if (screenshot) await this.screenshot(screenshot);
    const total = Number(await focused.getAttribute('aria-setsize'));
    const labels: string[] = [];
    for (let i = 0; i < total; i++) {
      labels.push(await focused.locator('.label-name').innerText());
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** A view pane (by its title, as in the side bar) in the visible view container. */
  viewPane(title: string): Locator {
    return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') }) }).first();
  }

  /** Collapses every pane of the ModelOps container but `title`, so its rows fit on screen. */
  async showOnlyView(title: string): Promise<Locator> {
    for (const other of ['Models', 'Datasets', 'Results', 'Jobs']) {
      const header = this.viewPane(other).locator('.pane-header');
      const expanded = (await header.getAttribute('aria-expanded')) === 'true';
      // The title, not the header's middle: the header also holds the view's action buttons.
      if ((other === title) !== expanded) await header.locator('h3.title').click();
    }
    return this.viewPane(title);
  }

  /**
   * Right-clicks `row` and runs a context-menu item the way a keyboard user does (hover, Enter: a
   * click alone sometimes leaves the item highlighted and the menu open). A view refresh can close
   * the menu or re-render its items under the pointer; then the menu is dismissed and opened again.
   */
  async contextMenu(row: Locator, item: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const label = menu.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(item)}$`) });
    await poll(`context menu item "${item}"`, async () => {
      try {
        await row.click({ button: 'right', timeout: 10_000 });
        await label.waitFor({ state: 'visible', timeout: 5000 });
        await label.hover({ timeout: 5000 });
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: 5000 });
        return true;
      } catch (e) {
        await this.page.keyboard.press('Escape');
        throw e;
      }
    });
  }

  /** The frame (webviews nest in iframes) that shows `selector` and passes `accept`, once there is one. */
  webviewFrame(what: string, selector: string, accept: (f: Frame) => Promise<boolean> = async () => true): Promise<Frame> {
    return poll(what, async () => {
      for (const f of this.page.frames()) {
        if ((await f.locator(selector).count().catch(() => 0)) > 0 && (await accept(f).catch(() => false))) return f;
      }
      return undefined;
    });
  }

  /** The labels of a tree view's visible rows, expanding the pane if it is collapsed. */
  async treeItems(viewTitle: string): Promise<string[]> {
    const pane = this.viewPane(viewTitle);
    await pane.waitFor({ state: 'visible' });
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await pane.locator('.monaco-list-row').first().waitFor({ state: 'visible' });
    return pane.locator('.monaco-list-row .monaco-highlighted-label').allInnerTexts();
  }

  /** Saves a screenshot as test-results/e2e/<name>.png; returns its path. */
  async screenshot(name = this.scenario): Promise<string> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Ends everything this session started; saves the final screenshot and code-server's log. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.screenshot(`${this.scenario}-final`).catch(() => undefined);
      mkdirSync(RESULTS_DIR, { recursive: true });
      cpSync(this.profile.logFile, join(RESULTS_DIR, `${this.scenario}.code-server.log`));
      writeFileSync(join(RESULTS_DIR, `${this.scenario}.exthost.log`), this.extensionHostLog());
    } catch {
      // artifacts are best effort; teardown is not
    }
    await this.context.close().catch(() => undefined);
    await this.server.stop();
    live.delete(this);
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Last resort when the test process is stopped: kill the process group now. */
  killSync(): void {
    const pid = this.server.child.pid;
    if (pid && !this.server.exited()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    try {
      rmSync(this.root, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Problems rows carry accessible labels (VS Code's wording, seen in 1.100):
 *   file row:   "1 problems in file bad.json of folder datasets"
 *   marker row: "Error: Trailing comma at line 1 and character 11. generated by json"
 */
export function parseProblemRows(labels: string[]): Problem[] {
  const out: Problem[] = [];
  let file = '';
  for (const text of labels) {
    const f = /problems? in file (.+?) of folder (.+)$/i.exec(text);
    if (f) {
      file = `${f[2]}/${f[1]}`;
      continue;
    }
    const m = /^(Error|Warning|Info)[^:]*: ([\s\S]*?) at line (\d+) and character (\d+)\.(?:\s*generated by (.+))?$/i.exec(text);
    if (!m) continue;
    const severity = m[1]!.toLowerCase() as Problem['severity'];
    out.push({ severity, message: m[2]!, line: Number(m[3]), column: Number(m[4]), source: m[5]?.trim() ?? '', file, text });
  }
  return out;
}
