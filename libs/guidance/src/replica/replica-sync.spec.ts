import { Subject } from 'rxjs';
import type { GuidanceCatalog } from '../ports/catalog.types';
import { CityCatalogSource } from '../ports/city-catalog.port';
import { GuidancePolicy } from '../ports/guidance-policy.port';
import { LiveChange, LiveSpaceState, LiveStateSource } from '../ports/live-state.port';
import { LiveReplica } from './live-replica';
import { ReplicaSync } from './replica-sync';

const state = (spaceId: string, occupied: boolean, ver: number): LiveSpaceState => ({
  spaceId,
  occupied,
  lastSeenMs: 1000,
  sinceMs: 1000,
  batteryLow: false,
  ver,
  staleMs: 60_000,
});

class FakeLive extends LiveStateSource {
  readonly stream = new Subject<LiveChange>();
  snapshotData: LiveSpaceState[] = [];
  release: (() => void) | null = null;
  snapshots = 0;
  async snapshot() {
    this.snapshots++;
    const data = this.snapshotData;
    await new Promise<void>((r) => (this.release = r));
    return data;
  }
  changes() {
    return this.stream;
  }
}

class FakeCity extends CityCatalogSource {
  readonly stream = new Subject<void>();
  spaces = ['A', 'B'];
  async load(): Promise<GuidanceCatalog> {
    return {
      currency: 'CNY',
      timeZone: 'UTC',
      lots: [],
      spaces: this.spaces.map((id) => ({
        id,
        lotId: 'L',
        type: 'standard',
        lat: 0,
        lon: 0,
        sensorId: id,
        staleLimitS: 60,
      })),
      signs: [],
      policy: { policyKey: (id: string) => id } as GuidancePolicy,
    };
  }
  changes() {
    return this.stream;
  }
}

const tick = () => new Promise((r) => setImmediate(r));
const occ = (r: LiveReplica, id: string) => r.spaces.read(r.spaces.index.get(id)!).occupied;

describe('ReplicaSync', () => {
  it('buffers changes during a snapshot and drops the ones the snapshot already holds', async () => {
    const replica = new LiveReplica();
    const live = new FakeLive();
    const city = new FakeCity();
    const sync = new ReplicaSync(replica, live, city);
    const started = sync.start(5000);
    await tick();
    live.snapshotData = [state('A', true, 5), state('B', false, 1)];
    live.stream.next({ kind: 'resync' });
    await tick();
    live.stream.next({ kind: 'state', state: state('A', false, 4) }); // older than the snapshot
    live.stream.next({ kind: 'state', state: state('B', true, 2) }); // newer
    live.release!();
    await started;
    expect(sync.synced).toBe(true);
    expect(occ(replica, 'A')).toBe(true);
    expect(occ(replica, 'B')).toBe(true);
    live.stream.next({ kind: 'state', state: state('A', false, 6) });
    expect(occ(replica, 'A')).toBe(false);
    sync.stop();
  });

  it('reads the snapshot again when a resync arrives while reading, and reloads the city on change', async () => {
    const replica = new LiveReplica();
    const live = new FakeLive();
    const city = new FakeCity();
    const sync = new ReplicaSync(replica, live, city);
    const started = sync.start(5000);
    await tick();
    live.stream.next({ kind: 'resync' });
    await tick();
    live.stream.next({ kind: 'resync' });
    live.release!();
    await tick();
    expect(live.snapshots).toBe(2);
    live.release!();
    await started;
    city.spaces = ['A', 'B', 'C'];
    city.stream.next();
    await sync.settled();
    expect(replica.spaces.index.has('C')).toBe(true);
    expect(sync.catalogLoads).toBe(2);
    sync.stop();
  });
});
