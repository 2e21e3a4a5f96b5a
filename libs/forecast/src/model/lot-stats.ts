import { CELLS, DAY_KIND_FALLBACK, DayKind, SLOTS_PER_DAY } from './day-kind';

/** One lot's recorded behaviour: per day kind and 15-minute slot, how many spaces were free. */
export interface LotStats {
  readonly lotId: string;
  readonly capacity: number;
  /** [kind * 96 + slot] mean free spaces, NaN without samples. */
  readonly meanFree: Float32Array;
  /** [kind * 96 + slot] share of samples with at least one free space, NaN without samples. */
  readonly anyFree: Float32Array;
  /** [kind * 96 + slot] samples (one per recorded day). */
  readonly samples: Int32Array;
  /** How much of a deviation from the usual level is left after 15 minutes (0..1). */
  readonly persistence: number;
}

export function emptyStats(lotId: string, capacity: number): LotStats {
  return {
    lotId,
    capacity,
    meanFree: new Float32Array(CELLS).fill(NaN),
    anyFree: new Float32Array(CELLS).fill(NaN),
    samples: new Int32Array(CELLS),
    persistence: 0,
  };
}

/** The cell to read for `cell`: itself, else the same slot of the fallback kind, else -1. */
export function cellWithHistory(stats: LotStats, cell: number): number {
  if (stats.samples[cell] > 0) return cell;
  const kind = Math.floor(cell / SLOTS_PER_DAY) as DayKind;
  const other = DAY_KIND_FALLBACK[kind] * SLOTS_PER_DAY + (cell % SLOTS_PER_DAY);
  return stats.samples[other] > 0 ? other : -1;
}
