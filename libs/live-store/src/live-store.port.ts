import { ApplyItem, ApplyOutcome, PackedRecord, RebuildLot } from './live-apply';
import { LiveChangeMessage, LiveSpace, LotCounts, ZoneCounts } from './live-space';

/** Read side of the live state (driver API, signs, dashboards). */
export abstract class LiveStore {
  abstract snapshotSpaces(lotIds?: string[]): Promise<LiveSpace[]>;
  abstract lotCounts(lotIds?: string[]): Promise<LotCounts[]>;
  abstract zoneCounts(lotsByZone: Map<string, string[]>): Promise<ZoneCounts[]>;
  abstract getSpace(lotId: string, spaceId: string): Promise<LiveSpace | null>;
  /**
   * Resolves once subscribed; the returned function unsubscribes and closes the connection.
   * `onResync` is called whenever changes may have been missed (after a reconnect, and on a
   * `reset` message, which `onMessage` also receives): the subscriber re-reads a snapshot then.
   */
  abstract subscribeChanges(
    onMessage: (m: LiveChangeMessage) => void,
    onResync?: () => void,
  ): Promise<() => Promise<void>>;
}

/** Write side, used only by the ingest use case. */
export abstract class LiveStateWriter {
  /** Applies per lot atomically; lots not loaded are reported in `notLoaded`, not applied. */
  abstract applyBatch(items: ApplyItem[]): Promise<ApplyOutcome>;
  /**
   * Loads lots whose marker is missing, replacing their records with the given ones; `true`
   * reloads loaded lots too, the same way; `'refresh'` reloads loaded lots keeping newer records
   * (spaces no longer listed dropped, counts recomputed) after a city change. Returns how many
   * lots were written.
   */
  abstract rebuildLots(
    lots: RebuildLot[],
    now: number,
    force: boolean | 'refresh',
  ): Promise<number>;
  /**
   * After the batch is recorded: registers the stale deadlines of its records and answers the
   * current rebuild epoch of each lot ('' when missing), in one round trip.
   */
  abstract settle(records: PackedRecord[], lotIds: string[]): Promise<Map<string, string>>;
  /** Marks spaces whose deadline passed `unknown`; returns how many changed. */
  abstract sweepStale(
    now: number,
    limit: number,
    zoneOf: (lotId: string) => string | undefined,
  ): Promise<number>;
  /**
   * Deletes the lots' markers (one round trip): their records are no longer trusted, the next
   * apply answers them in `notLoaded` and the rebuild replaces them from the durable records.
   */
  abstract invalidateLots(lotIds: string[]): Promise<void>;
  abstract publishReset(): Promise<void>;
}
