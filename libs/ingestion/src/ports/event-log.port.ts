import type { RejectReason, SensorEventType } from '@app/domain';
import type { LiveSpace, PackedRecord } from '@app/live-store';

/** One accepted uplink as kept in `occupancy_events`. */
export interface HistoryRow {
  sensorId: string;
  spaceId: string;
  gatewayId: string;
  seq: number;
  type: SensorEventType;
  occupied: boolean;
  ts: number;
  receivedAt: number;
  batteryMv?: number;
  temperatureC?: number;
  rssi?: number;
  late: boolean;
  extra?: Record<string, unknown>;
}

export interface RejectionRow {
  receivedAt: number;
  gatewayId: string;
  reason: RejectReason;
  detail: string;
  sensorId?: string;
  /** First 4 KiB of the raw payload. */
  raw: string;
  /** Index of the message in its batch (in memory only, to isolate a refused message). */
  msg?: number;
}

export interface RecordBatch {
  events: HistoryRow[];
  rejections: RejectionRow[];
  /** Latest live record per touched space (kept only if newer than the stored one). */
  states: PackedRecord[];
}

/**
 * The durable history (PostgreSQL). `record` is one transaction: all or nothing. It throws
 * `StoreRefusedError` when the data is refused for good, `StoreUnavailableError` otherwise.
 */
export abstract class EventLog {
  /** Returns, aligned with `batch.events`, whether each row was new (false = duplicate). */
  abstract record(batch: RecordBatch): Promise<boolean[]>;
  /**
   * Tries the batch without keeping it: null if it would be recorded, else why it is refused.
   * Used only to find which messages of a refused batch are the cause.
   */
  abstract probe(batch: RecordBatch): Promise<string | null>;
  /** Last durable live record of every space (or of the given lots). */
  abstract loadSpaceStates(lotIds?: string[]): Promise<LiveSpace[]>;
}
