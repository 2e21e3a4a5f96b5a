import { LiveSpace, LiveStateWriter, RebuildLot } from '@app/live-store';
import { EventLog } from './ports/event-log.port';
import { SensorDirectory } from './sensor-directory';

/** A record as it must look now: a sensor silent past its limit is `unknown`. */
export function withLiveness(r: LiveSpace, now: number): LiveSpace {
  const deadline = r.lastSeen + r.staleMs;
  if (r.state === 'unknown' || deadline > now) return r;
  return { ...r, state: 'unknown', since: deadline };
}

/** Rebuilds the Redis live state from the durable per-space records in PostgreSQL. */
export class LiveRebuilder {
  private running: Promise<number> | null = null;
  private runningForced = false;

  constructor(
    private readonly log: EventLog,
    private readonly live: LiveStateWriter,
    private readonly directory: SensorDirectory,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Loads every lot that lost its keys (or all lots when `force`). Concurrent calls share one run,
   * except that a forced call waits for a running unforced one and then runs forced; other
   * workers doing the same are harmless (the per-lot marker is checked atomically).
   */
  rebuild(force = false): Promise<number> {
    if (this.running && force && !this.runningForced) {
      return this.running.then(
        () => this.rebuild(true),
        () => this.rebuild(true),
      );
    }
    if (!this.running) {
      this.runningForced = force;
      this.running = this.run(force).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** Loads these lots if their marker is missing (after an invalidation), from the durable records. */
  reload(lotIds: string[]): Promise<number> {
    return lotIds.length ? this.run(false, lotIds) : Promise.resolve(0);
  }

  /** After a city change: reload these lots (spaces added, removed or moved between lots) keeping newer data. */
  refresh(lotIds: string[]): Promise<number> {
    return lotIds.length ? this.run('refresh', lotIds) : Promise.resolve(0);
  }

  private async run(force: boolean | 'refresh', lotIds?: string[]): Promise<number> {
    const now = this.clock();
    const states = await this.log.loadSpaceStates(lotIds);
    const bySpace = new Map(states.map((s) => [s.spaceId, s]));
    const wanted = lotIds ? new Set(lotIds) : null;
    const dirLots = this.directory.lots().filter((l) => !wanted || wanted.has(l.lotId));
    const lots: RebuildLot[] = dirLots.map((l) => ({
      lotId: l.lotId,
      zoneId: l.zoneId,
      spaces: l.spaces.map((s) => {
        const rec = bySpace.get(s.spaceId);
        return { ...s, record: rec && rec.lotId === l.lotId ? withLiveness(rec, now) : undefined };
      }),
    }));
    const written = await this.live.rebuildLots(lots, now, force);
    if (written > 0 && force !== 'refresh') await this.live.publishReset();
    return written;
  }
}
