// One small line chart per metric (loss, accuracy, lr… have different scales), drawn with Chart.js.
// Points are appended in place; Chart.js's decimation keeps long runs quick to draw.
import { CategoryScale, Chart, Decimation, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Title, Tooltip } from 'chart.js';
import type { MetricsSeries } from '../../src/core/training/messages';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale, Decimation, Legend, Title, Tooltip);

const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

interface Entry {
  chart: Chart<'line', { x: number; y: number }[]>;
  figure: HTMLElement;
}

export class MetricCharts {
  private readonly entries = new Map<string, Entry>();
  private logScale = false;

  constructor(private readonly host: HTMLElement) {}

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** Points in the chart of `name` (tests read it). */
  count(name: string): number {
    return this.entries.get(name)?.chart.data.datasets[0].data.length ?? 0;
  }

  clear(): void {
    for (const e of this.entries.values()) {
      e.chart.destroy();
      e.figure.remove();
    }
    this.entries.clear();
  }

  setLogScale(on: boolean): void {
    this.logScale = on;
    for (const e of this.entries.values()) {
      // A log axis only when every value is positive.
      const canLog = on && e.chart.data.datasets[0].data.every((p) => p.y > 0);
      (e.chart.options.scales!.y as { type?: string }).type = canLog ? 'logarithmic' : 'linear';
      e.figure.dataset.scale = canLog ? 'log' : 'linear';
      e.chart.update('none');
    }
  }

  append(points: MetricsSeries): void {
    for (const [name, pts] of Object.entries(points)) {
      if (!pts.length) continue;
      const e = this.entries.get(name) ?? this.create(name);
      const data = e.chart.data.datasets[0].data;
      for (const [x, y] of pts) data.push({ x, y });
      e.figure.dataset.points = String(data.length);
      const last = pts[pts.length - 1][1];
      e.figure.querySelector('figcaption .value')!.textContent = formatValue(last);
    }
    for (const e of this.entries.values()) e.chart.update('none');
  }

  private create(name: string): Entry {
    const figure = document.createElement('figure');
    figure.className = 'metric';
    figure.dataset.metric = name; // dataset attributes are data, not markup
    const caption = document.createElement('figcaption');
    const label = document.createElement('span');
    label.className = 'name';
    label.textContent = name;
    const value = document.createElement('span');
    value.className = 'value';
    caption.append(label, value);
    const box = document.createElement('div');
    box.className = 'canvas-box';
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${name} over steps`);
    box.append(canvas);
    figure.append(caption, box);
    // Keep the charts in name order, loss first (the one people look at).
    const order = (n: string) => (n === 'loss' ? '' : n === 'val_loss' ? '\u0001' : n);
    const after = Array.from(this.host.children).find((c) => order((c as HTMLElement).dataset.metric ?? '') > order(name));
    this.host.insertBefore(figure, after ?? null);
    const color = cssVar(PALETTE[this.entries.size % PALETTE.length], '#3794ff');
    const fg = cssVar('--vscode-foreground', '#ccc');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
    const chart = new Chart<'line', { x: number; y: number }[]>(canvas, {
      type: 'line',
      data: { datasets: [{ label: name, data: [], borderColor: color, backgroundColor: color, borderWidth: 1.5, pointRadius: (c) => (c.dataset.data.length <= 30 ? 2 : 0), pointHitRadius: 6, parsing: false, normalized: true }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        plugins: {
          legend: { display: false },
          decimation: { enabled: true, algorithm: 'lttb', samples: 500 },
          tooltip: { callbacks: { label: (c) => `${name} ${formatValue(c.parsed.y ?? NaN)}` } },
        },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step / epoch', color: fg }, ticks: { color: fg, precision: 0 }, grid: { color: grid } },
          y: { type: this.logScale ? 'logarithmic' : 'linear', ticks: { color: fg }, grid: { color: grid } },
        },
      },
    });
    const entry = { chart, figure };
    this.entries.set(name, entry);
    return entry;
  }
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1000 || Math.abs(v) < 0.001 ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}
