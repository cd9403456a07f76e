// The controls above the grid, from @vscode-elements: filter, dataset, rank metric and direction,
// per-dataset ranking, digits, column chooser, and the three actions.
import type { Column, Query } from '../../src/core/leaderboard/types';

export interface ToolbarHandlers {
  change(patch: Partial<Query>): void;
  toggleColumn(id: string, visible: boolean): void;
  action(kind: 'insertMarkdown' | 'copyMarkdown' | 'exportCsv'): void;
}

type Select = HTMLElement & { value: string };
type TextField = HTMLElement & { value: string };
type CheckBox = HTMLElement & { checked: boolean };

export class Toolbar {
  readonly element: HTMLElement;
  readonly status: HTMLElement;
  private readonly search: TextField;
  private readonly dataset: Select;
  private readonly rankBy: Select;
  private readonly direction: Select;
  private readonly perDataset: CheckBox;
  private readonly digits: TextField;
  private readonly columnList: HTMLElement;
  private readonly chooser: HTMLDetailsElement;
  private columns: Column[] = [];
  private visible: readonly string[] = [];

  constructor(private readonly handlers: ToolbarHandlers) {
    this.element = el('div', 'toolbar');
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Leaderboard controls');

    this.search = el('vscode-textfield', 'search') as TextField;
    this.search.setAttribute('placeholder', 'Filter all columns');
    this.search.setAttribute('label', 'Filter all columns'); // the inner input's accessible name
    this.search.id = 'lb-search';
    this.search.addEventListener('input', () => handlers.change({ text: this.search.value }));

    this.dataset = select('lb-dataset', 'Dataset');
    this.dataset.addEventListener('change', () => handlers.change({ dataset: this.dataset.value || undefined }));
    this.rankBy = select('lb-rank', 'Rank by metric');
    this.rankBy.addEventListener('change', () => handlers.change({ rankBy: this.rankBy.value || undefined }));
    this.direction = select('lb-direction', 'Rank direction');
    setOptions(this.direction, [['auto', 'Best: auto'], ['desc', 'Best: highest'], ['asc', 'Best: lowest']]);
    this.direction.addEventListener('change', () => handlers.change({ rankDirection: this.direction.value as Query['rankDirection'] }));

    this.perDataset = el('vscode-checkbox', 'per-dataset') as CheckBox;
    this.perDataset.id = 'lb-per-dataset';
    this.perDataset.setAttribute('label', 'Rank per dataset');
    this.perDataset.addEventListener('change', () => handlers.change({ rankPerDataset: this.perDataset.checked }));

    this.digits = el('vscode-textfield', 'digits') as TextField;
    this.digits.id = 'lb-digits';
    this.digits.setAttribute('type', 'number');
    this.digits.setAttribute('min', '0');
    this.digits.setAttribute('max', '10');
    this.digits.setAttribute('label', 'Decimal places');
    this.digits.addEventListener('input', () => {
      const d = Number(this.digits.value);
      if (this.digits.value !== '' && Number.isInteger(d) && d >= 0 && d <= 10) handlers.change({ digits: d });
    });

    // The column chooser: a native disclosure (keyboard and screen reader friendly) of checkboxes.
    const chooser = (this.chooser = el('details', 'columns') as HTMLDetailsElement);
    // Its checkboxes are made when it first opens: nothing of them shows before, and a first render saves the work.
    chooser.addEventListener('toggle', () => { if (chooser.open) this.fillColumnList(); });
    const summary = el('summary', '');
    summary.textContent = 'Columns';
    this.columnList = el('div', 'column-list');
    this.columnList.setAttribute('role', 'group');
    this.columnList.setAttribute('aria-label', 'Visible columns');
    chooser.append(summary, this.columnList);

    const actions = el('div', 'actions');
    for (const [kind, label, secondary] of [['insertMarkdown', 'Insert as Markdown Table', false], ['copyMarkdown', 'Copy as Markdown', true], ['exportCsv', 'Export CSV', true]] as const) {
      const b = el('vscode-button', '');
      b.id = `lb-${kind}`;
      b.textContent = label;
      if (secondary) b.setAttribute('secondary', '');
      b.addEventListener('click', () => handlers.action(kind));
      actions.append(b);
    }

    this.status = el('span', 'status');
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    const digitsLabel = labelled('Digits', this.digits);
    this.element.append(this.search, labelled('Dataset', this.dataset), labelled('Rank by', this.rankBy), this.direction, this.perDataset, digitsLabel, chooser, actions, this.status);
  }

  /** New data: the dataset, metric and column lists. */
  setData(datasets: string[], columns: Column[]): void {
    this.setDatasets(datasets);
    setOptions(this.rankBy, [['', 'Auto'], ...columns.filter((c) => c.kind === 'number').map((c) => [c.id, c.label] as [string, string])]);
    this.columns = columns;
    this.columnList.replaceChildren();
    if (this.chooser.open) this.fillColumnList();
  }

  private fillColumnList(): void {
    if (this.columnList.childElementCount) return;
    this.columnList.replaceChildren(...this.columns.map((c) => {
      const box = el('vscode-checkbox', '') as CheckBox;
      box.dataset.column = c.id;
      box.setAttribute('label', c.label);
      box.checked = this.visible.includes(c.id);
      box.addEventListener('change', () => this.handlers.toggleColumn(c.id, box.checked));
      return box;
    }));
  }

  /** The dataset picker's choices (keeping the one shown). */
  setDatasets(datasets: string[]): void {
    const value = this.dataset.value;
    setOptions(this.dataset, [['', 'All datasets'], ...datasets.map((d) => [d, d] as [string, string])]);
    if (value !== undefined) this.dataset.value = value;
  }

  /** Show the query's values in the controls (after a restore or setQuery). */
  showQuery(q: Query, visible: readonly string[]): void {
    if (document.activeElement !== this.search && this.search.value !== (q.text ?? '')) this.search.value = q.text ?? '';
    this.dataset.value = q.dataset ?? '';
    this.rankBy.value = q.rankBy ?? '';
    this.direction.value = q.rankDirection ?? 'auto';
    this.perDataset.checked = q.rankPerDataset ?? true;
    if (document.activeElement !== this.digits) this.digits.value = String(q.digits ?? 3);
    this.visible = visible;
    for (const box of Array.from(this.columnList.children) as CheckBox[]) box.checked = visible.includes(box.dataset.column!);
  }
}

function el(tag: string, className: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}

function select(id: string, label: string): Select {
  const s = el('vscode-single-select', '') as Select;
  s.id = id;
  s.setAttribute('label', label); // the accessible name of the inner combobox
  return s;
}

function setOptions(s: HTMLElement, options: [string, string][]): void {
  s.replaceChildren(...options.map(([value, label]) => {
    const o = el('vscode-option', '') as HTMLElement & { value: string };
    o.setAttribute('value', value);
    o.textContent = label;
    return o;
  }));
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  const l = el('label', 'field');
  const span = el('span', '');
  span.textContent = text;
  l.append(span, control);
  return l;
}
