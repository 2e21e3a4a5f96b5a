import type { OrderVerdict, SensorEventType } from '@app/domain';
import { LiveSpace } from './live-space';

/** One validated event with the metadata the live store needs to apply it. */
export interface ApplyItem {
  lotId: string;
  zoneId: string;
  spaceId: string;
  sensorId: string;
  seq: number;
  type: SensorEventType;
  occupied: boolean;
  ts: number;
  receivedAt: number;
  batteryMv?: number;
  lowBatteryMv: number | null;
  staleMs: number;
}

export interface ApplyVerdict {
  verdict: OrderVerdict;
  gap: number;
}

export interface ApplyOutcome {
  /** Aligned with the items given to applyBatch. */
  verdicts: ApplyVerdict[];
  /** The record of every touched space after the batch (for the durable copy in PostgreSQL). */
  records: PackedRecord[];
  /** Rebuild epoch of each touched lot, to detect a Redis restart before the batch is acked. */
  epochs: Map<string, string>;
  /** Lots whose marker is missing (Redis lost its data): not applied, rebuild them and retry. */
  notLoaded: string[];
}

/** A space's live record packed as Redis holds it (docs/live-store.md section 2). */
export interface PackedRecord {
  spaceId: string;
  lotId: string;
  ver: number;
  packed: string;
  /** When the space turns stale without another uplink (lastSeen + staleMs, epoch ms). */
  staleAt: number;
}

/** A space to (re)load into the live store, with its last known record if any. */
export interface RebuildSpace {
  spaceId: string;
  record?: LiveSpace;
}

export interface RebuildLot {
  lotId: string;
  zoneId: string;
  spaces: RebuildSpace[];
}

/** The indexes of a batch's items per lot, lots in first-seen order (one apply call per lot). */
export function indexesByLot(items: readonly { lotId: string }[]): Map<string, number[]> {
  const byLot = new Map<string, number[]>();
  items.forEach((it, i) => {
    const list = byLot.get(it.lotId);
    if (list) list.push(i);
    else byLot.set(it.lotId, [i]);
  });
  return byLot;
}
