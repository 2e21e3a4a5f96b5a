import { LiveChangeMessage, LiveSpace, LiveStore, LotCounts, ZoneCounts } from '@app/live-store';
import { LiveChange } from '../ports/live-state.port';
import { LiveStoreStateSource } from './live-store-state.source';

/** A live-store port in memory: hands out the subscriber's callbacks to the test. */
class FakeLiveStore extends LiveStore {
  subscriptions = 0;
  closed = 0;
  onMessage: ((m: LiveChangeMessage) => void) | null = null;
  onResync: (() => void) | null = null;

  async snapshotSpaces(): Promise<LiveSpace[]> {
    return [];
  }
  async lotCounts(): Promise<LotCounts[]> {
    return [];
  }
  async zoneCounts(): Promise<ZoneCounts[]> {
    return [];
  }
  async getSpace(): Promise<LiveSpace | null> {
    return null;
  }
  async subscribeChanges(
    onMessage: (m: LiveChangeMessage) => void,
    onResync?: () => void,
  ): Promise<() => Promise<void>> {
    this.subscriptions++;
    this.onMessage = onMessage;
    this.onResync = onResync ?? null;
    return async () => {
      this.closed++;
    };
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('LiveStoreStateSource (guidance over the live-store port)', () => {
  it('resyncs once subscribed and on every resync signal of the port, sharing one subscription', async () => {
    const store = new FakeLiveStore();
    const source = new LiveStoreStateSource(store);
    const a: LiveChange[] = [];
    const b: LiveChange[] = [];
    const subA = source.changes().subscribe((c) => a.push(c));
    const subB = source.changes().subscribe((c) => b.push(c));
    await tick();
    expect(store.subscriptions).toBe(1);
    expect(a).toEqual([{ kind: 'resync' }]);

    store.onMessage?.({
      v: 1,
      changes: [
        {
          spaceId: 'S1',
          lotId: 'L1',
          zoneId: 'Z1',
          state: 'occupied',
          since: 5,
          lastSeen: 7,
          seq: 1,
          batteryLow: false,
          ver: 3,
        },
      ],
    });
    store.onResync?.();
    const expected = [
      { kind: 'resync' },
      {
        kind: 'state',
        state: {
          spaceId: 'S1',
          occupied: true,
          lastSeenMs: 7,
          sinceMs: 5,
          batteryLow: false,
          ver: 3,
          staleMs: null,
        },
      },
      { kind: 'resync' },
    ];
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);

    subA.unsubscribe();
    expect(store.closed).toBe(0);
    subB.unsubscribe();
    await tick();
    expect(store.closed).toBe(1);
  });
});
