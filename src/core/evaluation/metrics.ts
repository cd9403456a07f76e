// Metrics, tallied one prediction at a time so evaluation never holds all rows.
// Names: accuracy; precision, recall, f1_score (weighted by support, as in the users' files);
// precision_macro, recall_macro, f1_macro. Conventions follow scikit-learn: classes are the union of true and predicted labels, a class
// never predicted has precision 0, an undefined F1 is 0, R² of a constant target is 1 if the
// predictions are perfect and 0 otherwise.

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  metrics: {
    accuracy: number;
    /** precision, recall, f1_score: support-weighted averages (the users' metric names). */
    precision: number;
    recall: number;
    f1_score: number;
    precision_macro: number;
    recall_macro: number;
    f1_macro: number;
  };
  per_class: Record<string, ClassMetrics>;
  confusion_matrix: { labels: string[]; matrix: number[][] };
}

export interface RegressionReport {
  metrics: { mae: number; mse: number; rmse: number; r2: number };
}

/** Counts of (true, predicted) label pairs. */
export class ClassificationTally {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly labels = new Set<string>();
  private n = 0;

  /** `order`: labels in the order the report lists them first (e.g. the model's classes). */
  constructor(private readonly order: readonly string[] = []) {}

  add(truth: string, predicted: string): void {
    this.n += 1;
    this.labels.add(truth);
    this.labels.add(predicted);
    let row = this.counts.get(truth);
    if (!row) this.counts.set(truth, (row = new Map()));
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
  }

  get samples(): number {
    return this.n;
  }

  private labelOrder(): string[] {
    const known = this.order.filter((l) => this.labels.has(l));
    const extra = [...this.labels].filter((l) => !this.order.includes(l)).sort();
    return [...known, ...extra];
  }

  report(): ClassificationReport {
    const labels = this.labelOrder();
    const matrix = labels.map((t) => labels.map((p) => this.counts.get(t)?.get(p) ?? 0));
    const per_class: Record<string, ClassMetrics> = {};
    let correct = 0;
    const sums = { p: 0, r: 0, f: 0, wp: 0, wr: 0, wf: 0 };
    labels.forEach((l, i) => {
      const tp = matrix[i][i];
      const support = matrix[i].reduce((a, b) => a + b, 0);
      const predicted = matrix.reduce((a, row) => a + row[i], 0);
      const precision = predicted ? tp / predicted : 0;
      const recall = support ? tp / support : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      per_class[l] = { precision, recall, f1, support };
      correct += tp;
      sums.p += precision; sums.r += recall; sums.f += f1;
      sums.wp += precision * support; sums.wr += recall * support; sums.wf += f1 * support;
    });
    const k = labels.length || 1;
    const n = this.n || 1;
    return {
      metrics: {
        accuracy: correct / n,
        precision: sums.wp / n,
        recall: sums.wr / n,
        f1_score: sums.wf / n,
        precision_macro: sums.p / k,
        recall_macro: sums.r / k,
        f1_macro: sums.f / k,
      },
      per_class,
      confusion_matrix: { labels, matrix },
    };
  }
}

/** Running sums for MAE/MSE and Welford's mean/variance of the target for R². */
export class RegressionTally {
  private n = 0;
  private absErr = 0;
  private sqErr = 0;
  private mean = 0;
  private m2 = 0;

  add(truth: number, predicted: number): void {
    this.n += 1;
    const e = predicted - truth;
    this.absErr += Math.abs(e);
    this.sqErr += e * e;
    const d = truth - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (truth - this.mean);
  }

  get samples(): number {
    return this.n;
  }

  report(): RegressionReport {
    const n = this.n || 1;
    const mse = this.sqErr / n;
    const r2 = this.m2 > 0 ? 1 - this.sqErr / this.m2 : this.sqErr === 0 ? 1 : 0;
    return { metrics: { mae: this.absErr / n, mse, rmse: Math.sqrt(mse), r2 } };
  }
}

/** Array helpers for callers that already hold all predictions. */
export function classificationMetrics(truth: readonly string[], predicted: readonly string[], order: readonly string[] = []): ClassificationReport {
  const t = new ClassificationTally(order);
  truth.forEach((y, i) => t.add(y, predicted[i]));
  return t.report();
}

export function regressionMetrics(truth: readonly number[], predicted: readonly number[]): RegressionReport {
  const t = new RegressionTally();
  truth.forEach((y, i) => t.add(y, predicted[i]));
  return t.report();
}

