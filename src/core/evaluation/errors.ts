// Evaluation failures a person can act on: each has a kind and a message that says what to fix.

export type EvaluationErrorKind =
  | 'spec' // the model's evaluation block or artifacts are missing or wrong
  | 'model' // the ONNX file is missing or cannot be loaded
  | 'signature' // inputs/outputs do not match the model
  | 'data' // a cell, the label column, or the dataset itself
  | 'cancelled'
  | 'worker'; // the worker process died

export class EvaluationError extends Error {
  constructor(readonly kind: EvaluationErrorKind, message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

export function cancelled(): EvaluationError {
  return new EvaluationError('cancelled', 'evaluation cancelled; no results were written');
}
