// The evaluation worker process (bundled as dist/evalWorker.js): the only place that loads
// onnxruntime-node. It waits for one `start`, streams `progress`, and ends with `result` or
// `error`; `cancel` stops it between batches.
import { cancelled, EvaluationError } from './errors';
import { evaluate, type OrtModule } from './evaluator';
import { isToWorker, type FromWorker } from './protocol';

const controller = new AbortController();
let started = false;

function send(m: FromWorker): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) { resolve(); return; }
    process.send(m, undefined, {}, () => resolve());
  });
}

async function start(job: Parameters<typeof evaluate>[1]): Promise<void> {
  try {
    // Loaded only here, on demand, so a broken native module becomes a clear error message.
    const ort = (await import('onnxruntime-node')) as unknown as OrtModule;
    const result = await evaluate(ort.InferenceSession ? ort : ((ort as unknown as { default: OrtModule }).default), job, {
      signal: controller.signal,
      onProgress: (progress) => void send({ type: 'progress', progress }),
    });
    if (controller.signal.aborted) throw cancelled();
    await send({ type: 'result', result });
  } catch (e) {
    const kind = e instanceof EvaluationError ? e.kind : 'worker';
    await send({ type: 'error', kind, message: e instanceof Error ? e.message : String(e) });
  } finally {
    // The last message is flushed (send waits for it); leave now rather than wait on native threads.
    process.exit(0);
  }
}

process.on('message', (m: unknown) => {
  if (!isToWorker(m)) return;
  if (m.type === 'cancel') { controller.abort(); return; }
  if (started) return;
  started = true;
  void start(m.job);
});
// The parent going away is a cancel.
process.on('disconnect', () => controller.abort());
// Ctrl-C in a terminal reaches the whole process group: the parent decides, and sends `cancel`.
process.on('SIGINT', () => undefined);
void send({ type: 'ready' });
