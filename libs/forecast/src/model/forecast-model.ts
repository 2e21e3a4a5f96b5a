import { CalibrationTable } from './calibration-table';
import type { LotStats } from './lot-stats';

/** Everything the predictor uses: per-lot statistics and the calibration table, one build. */
export class ForecastModel {
  private readonly byLot: Map<string, LotStats>;

  constructor(
    readonly lots: readonly LotStats[],
    readonly calibration: CalibrationTable,
    /** History window the statistics were computed from (epoch ms). */
    readonly fromMs: number,
    readonly toMs: number,
    readonly builtAtMs: number,
  ) {
    this.byLot = new Map(lots.map((l) => [l.lotId, l]));
  }

  static empty(): ForecastModel {
    return new ForecastModel([], new CalibrationTable(), 0, 0, 0);
  }

  statsOf(lotId: string): LotStats | undefined {
    return this.byLot.get(lotId);
  }

  get daysUsed(): number {
    return Math.round((this.toMs - this.fromMs) / 86_400_000);
  }
}
