// A virtualised grid with real grid semantics: a sticky header row (sortable, aria-sort), a
// filter row, and only the rows in view (plus a few) in the DOM. Every cell is set by textContent.
import { NUMERIC_KINDS, type Column, type SortKey } from '../../src/core/leaderboard/types';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

export interface GridHandlers {
  /** Header activated; `additive` (shift) adds or flips a secondary key. */
  sort(columnId: string, additive: boolean): void;
  filter(columnId: string, expression: string): void;
  open(position: number): void;
}

export interface GridRows {
  count: number;
  /** Text of the cell at a position in the shown order and a visible column index. */
  text(position: number, column: number): string;
}

interface RowSlot {
  el: HTMLDivElement;
  cells: HTMLDivElement[];
  position: number;
}

export class VirtualGrid {
  readonly element: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly headerRow: HTMLDivElement;
  private readonly filterRow: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private columns: Column[] = [];
  private rows: GridRows = { count: 0, text: () => '' };
  private slots: RowSlot[] = [];
  private active = -1;
  private frame = 0;
  private filterInputs = new Map<string, HTMLInputElement>();
  /** The viewport's height and whether it is scrolled, as last seen by the observers: at the top, a
   *  render after new data or a query needs no forced layout to know which rows are in view. */
  private height = 0;
  private scrolled = false;

  constructor(private readonly handlers: GridHandlers) {
    this.element = div('grid');
    this.element.setAttribute('role', 'grid');
    this.element.setAttribute('aria-label', 'Leaderboard');
    this.element.tabIndex = 0;
    this.viewport = div('viewport');
    const head = div('head');
    head.setAttribute('role', 'rowgroup');
    this.headerRow = div('row header-row');
    this.headerRow.setAttribute('role', 'row');
    this.headerRow.setAttribute('aria-rowindex', '1');
    this.filterRow = div('row filter-row');
    this.filterRow.setAttribute('role', 'row');
    this.filterRow.setAttribute('aria-rowindex', '2');
    head.append(this.headerRow, this.filterRow);
    this.body = div('body');
    this.body.setAttribute('role', 'rowgroup');
    this.viewport.append(head, this.body);
    this.element.append(this.viewport);
    this.viewport.addEventListener('scroll', () => { this.scrolled = this.viewport.scrollTop > 0; this.schedule(); }, { passive: true });
    new ResizeObserver((entries) => { this.height = entries.at(-1)!.contentRect.height; this.schedule(); }).observe(this.viewport);
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLElement>('.data-row');
      if (!row) return;
      const position = Number(row.dataset.position);
      this.setActive(position, false);
      this.handlers.open(position);
    });
  }

  /** New columns, sort state and filters: rebuilds the header, filter row and row pool. */
  setColumns(columns: Column[], sort: readonly SortKey[], filters: Record<string, string>, errors: Record<string, string>): void {
    const same = columns.length === this.columns.length && columns.every((c, i) => c.id === this.columns[i]!.id);
    this.columns = columns;
    this.element.setAttribute('aria-colcount', String(columns.length));
    const widths = columns.map(widthOf);
    this.element.style.setProperty('--grid-columns', widths.map((w) => `${w}px`).join(' '));
    this.element.style.setProperty('--grid-width', `${widths.reduce((a, b) => a + b, 0)}px`);
    this.renderHeader(sort);
    if (!same) {
      this.renderFilterRow();
      for (const s of this.slots) s.el.remove();
      this.slots = [];
    }
    for (const [id, input] of this.filterInputs) {
      const want = filters[id] ?? '';
      if (input.value !== want && document.activeElement !== input) input.value = want;
      const error = errors[id];
      input.classList.toggle('invalid', !!error);
      input.setAttribute('aria-invalid', String(!!error));
      input.title = error ?? filterHint(columns.find((c) => c.id === id)!);
    }
  }

  /** New rows (after a query): re-render what is in view. */
  setRows(rows: GridRows): void {
    this.rows = rows;
    this.element.setAttribute('aria-rowcount', String(rows.count + 2));
    this.body.style.height = `${rows.count * ROW_HEIGHT}px`;
    if (this.active >= rows.count) this.active = rows.count - 1;
    for (const s of this.slots) s.position = -1;
    this.render();
  }

  get activePosition(): number {
    return this.active;
  }

  /** One past the last position the grid would show now, whatever the row count. */
  windowEnd(): number {
    return this.window().end;
  }

  private window(): { start: number; end: number } {
    const top = this.scrolled ? Math.max(0, this.viewport.scrollTop - this.headerHeight()) : 0;
    const height = this.height || this.viewport.clientHeight || 600;
    return { start: Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN), end: Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN };
  }

  /** Render now (the grid otherwise renders on the next animation frame after a scroll). */
  render(): void {
    if (this.frame) { cancelAnimationFrame(this.frame); this.frame = 0; }
    const { start: first, end } = this.window();
    const last = Math.min(this.rows.count, end);
    const needed = Math.max(0, last - first);
    while (this.slots.length < needed) this.slots.push(this.makeSlot());
    while (this.slots.length > needed) this.slots.pop()!.el.remove();
    // Keep a slot on the position it already shows when it is still in range: less DOM work per scroll.
    const free: RowSlot[] = [];
    const taken = new Set<number>();
    for (const s of this.slots) {
      if (s.position >= first && s.position < last && !taken.has(s.position)) taken.add(s.position);
      else free.push(s);
    }
    for (let p = first; p < last; p++) if (!taken.has(p)) this.fill(free.pop()!, p);
    for (const s of this.slots) s.el.classList.toggle('active', s.position === this.active);
    if (this.active >= 0 && this.active >= first && this.active < last) this.element.setAttribute('aria-activedescendant', rowId(this.active));
    else this.element.removeAttribute('aria-activedescendant');
  }

  /** The DOM rows currently rendered (for tests and the benchmark's bounded-DOM check). */
  renderedRowCount(): number {
    return this.body.childElementCount;
  }

  setActive(position: number, scroll = true): void {
    if (!this.rows.count) return;
    this.active = Math.max(0, Math.min(this.rows.count - 1, position));
    if (scroll) {
      const y = this.active * ROW_HEIGHT;
      const header = this.headerHeight();
      const viewTop = this.viewport.scrollTop;
      const viewHeight = this.viewport.clientHeight - header;
      if (y < viewTop) this.viewport.scrollTop = y;
      else if (y + ROW_HEIGHT > viewTop + viewHeight) this.viewport.scrollTop = y + ROW_HEIGHT - viewHeight;
      this.scrolled = this.viewport.scrollTop > 0;
    }
    this.render();
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  private headerHeight(): number {
    return this.headerRow.offsetHeight + this.filterRow.offsetHeight;
  }

  private makeSlot(): RowSlot {
    const el = div('row data-row');
    el.setAttribute('role', 'row');
    const cells = this.columns.map((c, i) => {
      const cell = div(NUMERIC_KINDS.includes(c.kind) ? 'cell num' : 'cell');
      cell.setAttribute('role', 'gridcell');
      cell.setAttribute('aria-colindex', String(i + 1));
      return cell;
    });
    el.append(...cells);
    this.body.append(el);
    return { el, cells, position: -1 };
  }

  private fill(slot: RowSlot, position: number): void {
    slot.position = position;
    slot.el.id = rowId(position);
    slot.el.dataset.position = String(position);
    slot.el.setAttribute('aria-rowindex', String(position + 3));
    slot.el.style.transform = `translateY(${position * ROW_HEIGHT}px)`;
    slot.el.classList.toggle('odd', position % 2 === 1);
    for (let c = 0; c < slot.cells.length; c++) {
      const text = this.rows.text(position, c);
      const cell = slot.cells[c]!;
      if (cell.textContent !== text) cell.textContent = text;
    }
  }

  private renderHeader(sort: readonly SortKey[]): void {
    const cells = this.columns.map((c, i) => {
      const cell = div(NUMERIC_KINDS.includes(c.kind) ? 'cell num' : 'cell');
      cell.setAttribute('role', 'columnheader');
      cell.setAttribute('aria-colindex', String(i + 1));
      const k = sort.findIndex((s) => s.column === c.id);
      cell.setAttribute('aria-sort', k === 0 ? (sort[0]!.direction === 'asc' ? 'ascending' : 'descending') : 'none');
      const button = document.createElement('button');
      button.className = 'sort';
      button.dataset.column = c.id;
      const label = document.createElement('span');
      label.textContent = c.label;
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = k < 0 ? '' : `${sort[k]!.direction === 'asc' ? '▲' : '▼'}${sort.length > 1 ? k + 1 : ''}`;
      button.append(label, mark);
      const how = k < 0 ? '' : `, sorted ${sort[k]!.direction === 'asc' ? 'ascending' : 'descending'}${sort.length > 1 ? `, key ${k + 1} of ${sort.length}` : ''}`;
      button.setAttribute('aria-label', `${c.label}${how}. Sort; with Shift, add as another sort key`);
      button.addEventListener('click', (e) => this.handlers.sort(c.id, e.shiftKey));
      button.addEventListener('keydown', (e) => {
        if ((e.key === 'Enter' || e.key === ' ') && e.shiftKey) { e.preventDefault(); this.handlers.sort(c.id, true); }
      });
      cell.append(button);
      return cell;
    });
    this.headerRow.replaceChildren(...cells);
  }

  private renderFilterRow(): void {
    this.filterInputs.clear();
    const cells = this.columns.map((c, i) => {
      const cell = div('cell');
      cell.setAttribute('role', 'gridcell');
      cell.setAttribute('aria-colindex', String(i + 1));
      const input = document.createElement('input');
      input.type = 'text';
      input.className = 'column-filter';
      input.spellcheck = false;
      input.placeholder = c.kind === 'rank' ? '<= 10' : c.kind === 'number' ? '> 0.9, a..b' : c.kind === 'integer' ? '= 5' : 'contains';
      input.setAttribute('aria-label', `Filter ${c.label}`);
      input.dataset.column = c.id;
      input.addEventListener('input', () => this.handlers.filter(c.id, input.value));
      input.addEventListener('keydown', (e) => e.stopPropagation());
      this.filterInputs.set(c.id, input);
      cell.append(input);
      return cell;
    });
    this.filterRow.replaceChildren(...cells);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.element) return;
    const page = Math.max(1, Math.floor((this.viewport.clientHeight - this.headerHeight()) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.setActive((this.active < 0 ? -1 : this.active) + moves[e.key]!);
    else if (e.key === 'Home') this.setActive(0);
    else if (e.key === 'End') this.setActive(this.rows.count - 1);
    else if (e.key === 'Enter' && this.active >= 0) this.handlers.open(this.active);
    else return;
    e.preventDefault();
  }
}

function div(className: string): HTMLDivElement {
  const el = document.createElement('div');
  el.className = className;
  return el;
}

function rowId(position: number): string {
  return `lb-row-${position}`;
}

/** Fixed pixel widths, so the header, filter row and every recycled row line up exactly. */
function widthOf(c: Column): number {
  if (c.kind === 'rank' || c.kind === 'integer') return 64;
  if (c.kind === 'number') return Math.max(92, c.label.length * 8 + 36);
  if (c.kind === 'date') return 116;
  if (c.id === 'model') return 240;
  if (c.id === 'dataset') return 170;
  if (c.id === 'version' || c.id === 'split') return 88;
  return 220;
}

function filterHint(c: Column): string {
  return c.kind === 'text' ? 'Text contains; =exact, !excluded' : 'Filter: > 0.9, >= 0.5 & < 0.8, 0.5..0.8, = value, or text';
}
