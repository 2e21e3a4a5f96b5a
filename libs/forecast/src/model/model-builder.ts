import { CalibrationTable } from './calibration-table';
import { CELLS, SLOT_MIN, SLOTS_PER_DAY, type DayKindClock } from './day-kind';
import { expectedFree } from './expected-free';
import { ForecastModel } from './forecast-model';
import { LotHistory, NO_SAMPLE } from './lot-history';
import type { LotStats } from './lot-stats';

/** Horizons (in 15-minute steps) the calibration table learns from. */
const CALIBRATION_STEPS = [1, 2, 4, 8] as const;

/** A sample counts when at least half of the lot's sensed spaces had a fresh reading. */
function usable(free: number, known: number, capacity: number): boolean {
  return free !== NO_SAMPLE && known * 2 >= capacity;
}

/**
 * Builds the statistics from recorded history only: per lot, day kind and slot the mean number
 * of free spaces and the share of samples with one free; per lot how a deviation from the usual
 * level persists over 15 minutes; and the calibration table, by replaying the predictor over the
 * same history.
 */
export class ModelBuilder {
  constructor(private readonly kinds: DayKindClock) {}

  build(history: LotHistory, builtAtMs: number): ForecastModel {
    const cells = new Int16Array(history.instants);
    for (let i = 0; i < history.instants; i++) cells[i] = this.kinds.cellOf(history.instantMs(i));
    const lots = history.lotIds.map((id, lot) =>
      this.lotStats(history, cells, id, lot, 0, history.instants),
    );
    // Out of sample: statistics of the first 70 % of the days predict the last 30 %.
    const split = Math.floor((history.instants * 0.7) / SLOTS_PER_DAY) * SLOTS_PER_DAY;
    const calibration = new CalibrationTable();
    history.lotIds.forEach((id, lot) => {
      const early = split > 0 ? this.lotStats(history, cells, id, lot, 0, split) : lots[lot];
      this.calibrate(history, cells, early, lot, split, calibration);
    });
    const toMs = history.instantMs(history.instants);
    return new ForecastModel(lots, calibration, history.startMs, toMs, builtAtMs);
  }

  private lotStats(
    h: LotHistory,
    cells: Int16Array,
    lotId: string,
    lot: number,
    from: number,
    to: number,
  ): LotStats {
    const capacity = h.capacity[lot];
    const sum = new Float64Array(CELLS);
    const any = new Float64Array(CELLS);
    const samples = new Int32Array(CELLS);
    for (let i = from; i < to; i++) {
      const free = h.freeAt(lot, i);
      if (!usable(free, h.knownAt(lot, i), capacity)) continue;
      sum[cells[i]] += free;
      if (free > 0) any[cells[i]]++;
      samples[cells[i]]++;
    }
    const meanFree = new Float32Array(CELLS).fill(NaN);
    const anyFree = new Float32Array(CELLS).fill(NaN);
    for (let c = 0; c < CELLS; c++) {
      if (samples[c] === 0) continue;
      meanFree[c] = sum[c] / samples[c];
      anyFree[c] = any[c] / samples[c];
    }
    let cross = 0;
    let square = 0;
    for (let i = from; i + 1 < to; i++) {
      const a = h.freeAt(lot, i);
      const b = h.freeAt(lot, i + 1);
      if (!usable(a, h.knownAt(lot, i), capacity) || !usable(b, h.knownAt(lot, i + 1), capacity))
        continue;
      const da = a - meanFree[cells[i]];
      cross += da * (b - meanFree[cells[i + 1]]);
      square += da * da;
    }
    const persistence = square > 0 ? Math.min(1, Math.max(0, cross / square)) : 0;
    return { lotId, capacity, meanFree, anyFree, samples, persistence };
  }

  private calibrate(
    h: LotHistory,
    cells: Int16Array,
    stats: LotStats,
    lot: number,
    from: number,
    table: CalibrationTable,
  ): void {
    for (let i = from; i < h.instants; i++) {
      const now = h.freeAt(lot, i);
      if (!usable(now, h.knownAt(lot, i), stats.capacity)) continue;
      for (const step of CALIBRATION_STEPS) {
        const later = h.freeAt(lot, i + step);
        if (!usable(later, h.knownAt(lot, i + step), stats.capacity)) continue;
        const e = expectedFree(stats, cells[i], cells[i + step], step * SLOT_MIN, now);
        if (!Number.isNaN(e)) table.add(now, step * SLOT_MIN, e, later > 0);
      }
    }
  }
}
