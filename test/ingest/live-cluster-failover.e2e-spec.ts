/** @needs postgres redis-server (test/support/services.js) */
import { createLiveClient, LiveSpace, lotSlot, RedisLiveStore } from '@app/live-store';
import type { Cluster } from 'ioredis';
import { startRedisCluster, OwnRedisCluster } from '../support/redis-cluster';
import { IngestFixture, ingestFixture, msg } from './support/ingest-fixture';

jest.setTimeout(180_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A master of the live-store cluster is killed while the ingest applies and acknowledges
 * batches: its replica takes over, the ingest carries on, nothing acknowledged is lost, and a
 * replica fed by the change stream (re-snapshotting on resync) converges to the ground truth.
 */
describe('Redis Cluster: failover under ingest load', () => {
  let cluster: OwnRedisCluster;
  let f: IngestFixture;
  let redis: ReturnType<typeof createLiveClient> | undefined;
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    f = await ingestFixture({
      lots: 12,
      spacesPerLot: 10,
      gateways: 1,
      clusterNodes: cluster.nodes,
    });
  });
  afterAll(async () => {
    await f?.close().catch(() => undefined);
    redis?.disconnect();
    await cluster?.stop();
  });

  it('loses nothing acknowledged and converges after a master dies', async () => {
    redis = createLiveClient(
      { url: 'redis://127.0.0.1:6379/0', keyPrefix: f.prefix, clusterNodes: cluster.nodes },
      { offlineQueue: true },
    );
    const reader = new RedisLiveStore(redis);
    // the replica a reader keeps: change stream, re-snapshot on resync
    const replica = new Map<string, LiveSpace | { ver: number; state: string; seq: number }>();
    let resyncs = 0;
    const snapshot = async () => {
      for (const s of await reader.snapshotSpaces(f.city.lots)) {
        const cur = replica.get(s.spaceId);
        if (!cur || cur.ver < s.ver) replica.set(s.spaceId, s);
      }
    };
    const stop = await reader.subscribeChanges(
      (m) => {
        for (const c of m.changes ?? []) {
          const cur = replica.get(c.spaceId);
          if (!cur || cur.ver < c.ver) replica.set(c.spaceId, c);
        }
      },
      () => {
        resyncs++;
        void snapshot().catch(() => undefined);
      },
    );
    await snapshot();

    // ground truth: the last acknowledged event of every space
    const truth = new Map<string, { occupied: boolean; seq: number }>();
    const seqs = new Map<string, number>();
    let batches = 0;
    let killed = 0;
    const victimLot = f.city.lots[0];
    const send = async () => {
      const picked = f.city.sensors.filter((_, i) => (i + batches) % 7 === 0).slice(0, 10);
      const events = picked.map((s) => {
        const seq = (seqs.get(s.sensorId) ?? 0) + 1;
        seqs.set(s.sensorId, seq);
        return {
          sensorId: s.sensorId,
          seq,
          type: 'status',
          occupied: (seq + batches) % 2 === 0,
          ts: Date.now() - 500,
        };
      });
      const results = await f.rt.service.ingest([msg('G0', { events })]);
      expect(results).toHaveLength(1);
      picked.forEach((s, i) =>
        truth.set(s.spaceId, { occupied: events[i].occupied, seq: events[i].seq }),
      );
      batches++;
    };

    for (let i = 0; i < 20; i++) await send();
    // the master serving the first lot's slot
    const masters = await cluster.masters();
    const owner = await ownerOf(redis as Cluster, lotSlot(victimLot));
    expect(masters).toContain(owner);
    await cluster.kill(owner);
    killed = owner;
    // keep ingesting while the replica takes over (batches wait and retry meanwhile)
    const until = Date.now() + 8000;
    while (Date.now() < until) await send();
    for (let i = 0; i < 20; i++) await send();

    const alive = [...cluster.byPort.keys()].find((p) => p !== killed) as number;
    const after = await cluster.masters(alive);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(killed);

    // nothing acknowledged is lost: Redis holds the last acknowledged event of every space
    const live = new Map((await reader.snapshotSpaces(f.city.lots)).map((s) => [s.spaceId, s]));
    const expected = [...truth].map(([space, t]) => [
      space,
      t.occupied ? 'occupied' : 'free',
      t.seq,
    ]);
    const got = (src: Map<string, { state: string; seq: number }>) =>
      [...truth.keys()].map((space) => [space, src.get(space)?.state, src.get(space)?.seq]);
    expect(got(live)).toEqual(expected);
    // the replica converges (resynced at least once: its subscription to the dead master dropped)
    for (let i = 0; i < 100 && JSON.stringify(got(replica)) !== JSON.stringify(expected); i++) {
      await sleep(100);
    }
    expect(got(replica)).toEqual(expected);
    expect(resyncs).toBeGreaterThan(0);
    await stop();
  });
});

/** The port of the master serving a slot, as the cluster reports it. */
async function ownerOf(redis: Cluster, slot: number): Promise<number> {
  for (const [start, end, [, port]] of await redis.cluster('SLOTS')) {
    if (slot >= start && slot <= end) return Number(port);
  }
  throw new Error(`no owner of slot ${slot}`);
}
