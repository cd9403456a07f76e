// The Training Run webview: header (model, state, progress, actions) and a chart per metric.
// Messages are checked before use; every string from the job is set as text, never as markup.
import './training.css';
import { isToRun, type RunView } from '../../src/core/training/messages';
import { MetricCharts } from './charts';
import { loadState, post, saveState } from './vscodeApi';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const charts = new MetricCharts($('charts'));
const state = loadState();
const logScale = $<HTMLInputElement>('logScale');
logScale.checked = state.logScale;
charts.setLogScale(state.logScale);

logScale.addEventListener('change', () => {
  charts.setLogScale(logScale.checked);
  state.logScale = logScale.checked;
  saveState(state);
});
$('showLog').addEventListener('click', () => post({ type: 'showLog' }));
$('openLogFile').addEventListener('click', () => post({ type: 'openLogFile' }));
$('cancel').addEventListener('click', () => post({ type: 'cancel' }));

function render(run: RunView): void {
  $('title').textContent = `${run.model} · ${run.where}`;
  const status = $('status');
  status.textContent = `${run.status}${run.status === 'running' ? ` · ${run.progress}%` : ''}`;
  status.dataset.state = run.status;
  document.body.dataset.state = run.status;
  $<HTMLProgressElement>('progress').value = run.progress;
  $<HTMLButtonElement>('cancel').disabled = !(run.status === 'pending' || run.status === 'running');
  const error = $('error');
  error.hidden = !run.error;
  error.textContent = run.error ?? '';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isToRun(m)) return;
  if (m.type === 'run') {
    // Remembered so that a window reload brings this panel back for the same job.
    if (state.jobId !== m.run.jobId) {
      state.jobId = m.run.jobId;
      saveState(state);
    }
    charts.clear();
    charts.append(m.metrics);
  } else {
    charts.append(m.points);
  }
  render(m.run);
  $('empty').hidden = charts.names.length > 0;
  charts.setLogScale(logScale.checked);
});

post({ type: 'ready' });
