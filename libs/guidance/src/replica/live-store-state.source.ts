import { LiveChangeMessage, LiveSpace, LiveStore } from '@app/live-store';
import { Observable, share } from 'rxjs';
import { LiveChange, LiveSpaceState, LiveStateSource } from '../ports/live-state.port';

type LiveFields = Pick<
  LiveSpace,
  'spaceId' | 'state' | 'lastSeen' | 'since' | 'batteryLow' | 'ver'
>;

/** A live record or change as guidance's state; change messages carry no stale limit. */
function toState(r: LiveFields, staleMs: number | null): LiveSpaceState {
  return {
    spaceId: r.spaceId,
    occupied: r.state === 'unknown' ? null : r.state === 'occupied',
    lastSeenMs: r.lastSeen > 0 ? r.lastSeen : null,
    sinceMs: r.since > 0 ? r.since : null,
    batteryLow: r.batteryLow,
    ver: r.ver,
    staleMs,
  };
}

const fromRecord = (r: LiveSpace) => toState(r, r.staleMs > 0 ? r.staleMs : null);

function changesOf(m: LiveChangeMessage): LiveChange[] {
  return (m.changes ?? []).map((c) => ({ kind: 'state', state: toState(c, null) }));
}

/**
 * The live store port as guidance's LiveStateSource: snapshots and the change subscription, one
 * subscription shared by every reader. `resync` is emitted once subscribed and whenever the port
 * signals that changes may have been missed (reconnect, `reset` message): the reader re-snapshots.
 */
export class LiveStoreStateSource extends LiveStateSource {
  private readonly stream: Observable<LiveChange>;

  constructor(private readonly store: LiveStore) {
    super();
    this.stream = new Observable<LiveChange>((sub) => {
      let unsubscribe: (() => Promise<void>) | null = null;
      let closed = false;
      store
        .subscribeChanges(
          (m) => {
            for (const c of changesOf(m)) sub.next(c);
          },
          () => sub.next({ kind: 'resync' }),
        )
        .then(
          (off) => {
            unsubscribe = off;
            if (closed) void off();
            else sub.next({ kind: 'resync' });
          },
          (err: unknown) => sub.error(err),
        );
      return () => {
        closed = true;
        void unsubscribe?.();
      };
    }).pipe(share());
  }

  async snapshot(): Promise<LiveSpaceState[]> {
    return (await this.store.snapshotSpaces()).map(fromRecord);
  }

  changes(): Observable<LiveChange> {
    return this.stream;
  }
}
