// The lineage picture: an SVG built with DOM calls. Every label is set with textContent — file
// contents are data, never markup. Click a node to open its file, double-click to focus on it.
import type { LineageLayout, LineageNode } from '../../src/core/registryViews/lineage';
import type { FromLineage, LineageState, ToLineage } from '../../src/core/registryViews/lineageMessages';
import { vscodeApi } from '../shared/vscodeApi';

const vscode = vscodeApi<FromLineage, LineageState>();
const SVG = 'http://www.w3.org/2000/svg';
const graph = document.getElementById('graph')!;
const title = document.getElementById('title')!;
const note = document.getElementById('note')!;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** Fits text into the node's width (SVG text does not wrap). */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function drawNode(n: LineageNode, parent: SVGElement): void {
  const g = el('g', { class: `node ${n.kind}${n.focus ? ' focus' : ''}${n.errors ? ' problems' : ''}`, tabindex: 0, role: 'button' }, parent);
  g.setAttribute('aria-label', `${n.kind} ${n.label}${n.sublabel ? `, ${n.sublabel}` : ''}${n.errors ? `, ${n.errors} errors` : ''}`);
  el('rect', { x: n.x, y: n.y, width: n.width, height: n.height, rx: n.kind === 'dataset' ? 4 : n.kind === 'model' ? 12 : 20 }, g);
  const label = el('text', { x: n.x + 10, y: n.y + (n.sublabel ? 18 : 27), class: 'label' }, g);
  label.textContent = clip(n.label, 28);
  if (n.sublabel) {
    const sub = el('text', { x: n.x + 10, y: n.y + 35, class: 'sublabel' }, g);
    sub.textContent = clip(`${n.kind} · ${n.sublabel}`, 34);
  }
  const tip = el('title', {}, g);
  tip.textContent = `${n.label}${n.sublabel ? ` (${n.sublabel})` : ''}\nclick: open · double-click: lineage of this ${n.kind}`;
  const open = () => vscode.postMessage({ type: 'open', uri: n.uri });
  g.addEventListener('click', open);
  g.addEventListener('dblclick', () => vscode.postMessage({ type: 'focus', uri: n.uri }));
  g.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') open();
    if (e.key === ' ') vscode.postMessage({ type: 'focus', uri: n.uri });
  });
}

function draw(layout: LineageLayout): void {
  graph.replaceChildren();
  if (!layout.nodes.length) {
    const p = document.createElement('p');
    p.textContent = 'No datasets, models or results to draw.';
    graph.appendChild(p);
    return;
  }
  const svg = el('svg', { width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img' });
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }, marker);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const edges = el('g', { class: 'edges' }, svg);
  for (const e of layout.edges) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + a.width;
    const y1 = a.y + a.height / 2;
    const x2 = b.x;
    const y2 = b.y + b.height / 2;
    const mid = (x1 + x2) / 2;
    const path = el('path', { d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`, class: 'edge', 'marker-end': 'url(#arrow)' }, edges);
    if (e.label) el('title', {}, path).textContent = e.label;
  }
  const nodes = el('g', { class: 'nodes' }, svg);
  for (const n of layout.nodes) drawNode(n, nodes);
  graph.appendChild(svg);
}

window.addEventListener('message', (event: MessageEvent<ToLineage>) => {
  const m = event.data;
  if (!m || m.type !== 'layout') return;
  title.textContent = m.title;
  const t = m.layout.truncated;
  const counts = `${m.layout.nodes.length} files, ${m.layout.edges.length} links`;
  note.textContent = t ? `${counts} (the first ${t.shown} of ${t.total})` : counts;
  draw(m.layout);
  const s = vscode.getState();
  if (s) window.scrollTo(s.scrollX ?? 0, s.scrollY ?? 0);
  vscode.setState({ ...vscode.getState(), focus: m.focus });
});
window.addEventListener('scroll', () => vscode.setState({ ...vscode.getState(), scrollX: window.scrollX, scrollY: window.scrollY }));
document.getElementById('all')!.addEventListener('click', () => vscode.postMessage({ type: 'showAll' }));
vscode.postMessage({ type: 'ready' });
