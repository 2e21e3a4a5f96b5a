import type Redis from 'ioredis';
import { changesChannel, LiveChangeMessage, LiveSpace, LiveStore } from '@app/live-store';
import { Observable, share } from 'rxjs';
import { LiveChange, LiveSpaceState, LiveStateSource } from '../ports/live-state.source';

function fromRecord(r: LiveSpace): LiveSpaceState {
  return {
    spaceId: r.spaceId,
    occupied: r.state === 'unknown' ? null : r.state === 'occupied',
    lastSeenMs: r.lastSeen > 0 ? r.lastSeen : null,
    sinceMs: r.since > 0 ? r.since : null,
    batteryLow: r.batteryLow,
    ver: r.ver,
    staleMs: r.staleMs > 0 ? r.staleMs : null,
  };
}

/**
 * The live store (docs/live-store.md) as a LiveStateSource: snapshots through `LiveStore`, changes
 * from the `live:changes` channel on a dedicated subscriber connection. `resync` is emitted once
 * subscribed, after every reconnect and on every `reset` message: the reader then re-snapshots.
 */
export class RedisLiveStateSource extends LiveStateSource {
  private readonly stream: Observable<LiveChange>;

  constructor(
    private readonly store: LiveStore,
    redis: Redis,
  ) {
    super();
    this.stream = new Observable<LiveChange>((sub) => {
      const channel = changesChannel(redis);
      const client = redis.duplicate({ enableOfflineQueue: true, keyPrefix: '' });
      let readies = 0;
      client.on('ready', () => {
        if (readies++ > 0) sub.next({ kind: 'resync' });
      });
      client.on('error', () => undefined);
      client.on('message', (ch: string, raw: string) => {
        if (ch !== channel) return;
        let m: LiveChangeMessage;
        try {
          m = JSON.parse(raw) as LiveChangeMessage;
        } catch {
          return;
        }
        if (m.reset) return sub.next({ kind: 'resync' });
        for (const c of m.changes ?? []) {
          sub.next({
            kind: 'state',
            state: {
              spaceId: c.spaceId,
              occupied: c.state === 'unknown' ? null : c.state === 'occupied',
              lastSeenMs: c.lastSeen > 0 ? c.lastSeen : null,
              sinceMs: c.since > 0 ? c.since : null,
              batteryLow: c.batteryLow,
              ver: c.ver,
              staleMs: null,
            },
          });
        }
      });
      client.subscribe(channel).then(
        () => sub.next({ kind: 'resync' }),
        (err: unknown) => sub.error(err),
      );
      return () => void client.quit().catch(() => client.disconnect());
    }).pipe(share());
  }

  async snapshot(): Promise<LiveSpaceState[]> {
    return (await this.store.snapshotSpaces()).map(fromRecord);
  }

  changes(): Observable<LiveChange> {
    return this.stream;
  }
}
