export interface DecileRow {
  /** Predicted probability range [from, to). */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

export interface ScoreSummary {
  count: number;
  brier: number;
  deciles: DecileRow[];
}

/** Brier score and calibration in deciles of one predictor's probabilities. */
export class Scorecard {
  private n = 0;
  private squared = 0;
  private readonly counts = new Array<number>(10).fill(0);
  private readonly predicted = new Array<number>(10).fill(0);
  private readonly hits = new Array<number>(10).fill(0);

  add(p: number, outcome: boolean): void {
    const y = outcome ? 1 : 0;
    this.n++;
    this.squared += (p - y) * (p - y);
    const d = Math.min(9, Math.max(0, Math.floor(p * 10)));
    this.counts[d]++;
    this.predicted[d] += p;
    this.hits[d] += y;
  }

  summary(): ScoreSummary {
    return {
      count: this.n,
      brier: this.n > 0 ? this.squared / this.n : NaN,
      deciles: this.counts.map((count, d) => ({
        from: d / 10,
        to: (d + 1) / 10,
        count,
        meanPredicted: count > 0 ? this.predicted[d] / count : NaN,
        observed: count > 0 ? this.hits[d] / count : NaN,
      })),
    };
  }
}
