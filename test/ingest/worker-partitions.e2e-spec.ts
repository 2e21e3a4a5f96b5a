/** @needs postgres redis mosquitto (test/support/services.js) */
import { Client } from 'pg';
import {
  ownershipStep,
  ownershipTarget,
  partitionOf,
} from '../../apps/ingest/src/partitions/partitions';
import { Child } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { liveMismatches, missingFromHistory, waitForHistory } from './support/expect-converged';
import { TestPublisher } from './support/publisher';
import { seedTestCity, TestCity } from './support/test-city';
import { deletePrefix } from './support/test-config';
import { waitForBalance, workerHealth } from './support/worker-health';
import { workerEnv } from './support/worker-env';
import { startWorkerProcess } from './support/worker-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The brief's bound for a dead worker's traffic to flow again, at the default takeover interval. */
const TAKEOVER_BOUND_MS = 10_000;

/** Stops a worker even if a test left it SIGSTOPped. */
async function killHard(c: Child): Promise<void> {
  if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGCONT');
  await c.kill('SIGKILL');
}

describe('partition assignment (no services)', () => {
  it('converges to ceil(N / W) each, every partition owned once, whatever the join order', () => {
    for (const [n, w] of [
      [4, 2],
      [4, 3],
      [5, 2],
      [64, 5],
      [1, 3],
    ]) {
      const owned: Array<Set<number>> = Array.from({ length: w }, () => new Set());
      // worker 0 starts alone and takes everything; the others join and rounds interleave
      for (let round = 0; round < 6; round++) {
        for (let i = 0; i < w; i++) {
          const live = round === 0 ? 1 : w;
          if (round === 0 && i > 0) continue;
          const held = new Set(owned.flatMap((s) => [...s]));
          const step = ownershipStep(n, live, owned[i], held);
          for (const p of step.release) owned[i].delete(p);
          for (const p of step.tryAcquire.slice(0, step.acquire)) owned[i].add(p);
        }
      }
      const all = owned.flatMap((s) => [...s]);
      expect(all.sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
      for (const s of owned) expect(s.size).toBeLessThanOrEqual(ownershipTarget(n, w));
    }
  });
});

describe('ingest partitions against a real broker', () => {
  let db: TestDatabase;
  let broker: OwnMosquitto;
  let city: TestCity;
  let pg: Client;
  let workers: Child[] = [];
  let pub: TestPublisher | null = null;
  let prefix = '';

  beforeEach(async () => {
    [db, broker] = await Promise.all([
      createTestDatabase(),
      startMosquitto({ persistence: true, autosaveInterval: 1 }),
    ]);
    city = await seedTestCity(db.url, { lots: 4, spacesPerLot: 50, gateways: 4 });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterEach(async () => {
    await pub?.close();
    pub = null;
    for (const w of workers) await killHard(w);
    workers = [];
    await pg?.end();
    await broker?.stop();
    if (prefix) await deletePrefix(prefix);
    await db?.drop();
  });

  it('keeps what the broker acked while the worker was paused across a broker restart', async () => {
    const w = workerEnv(db.url, broker.url, { INGEST_PARTITIONS: '4' });
    prefix = w.prefix;
    const worker = await startWorkerProcess(w.env);
    workers.push(worker);
    worker.proc.kill('SIGSTOP');
    await broker.restart('SIGTERM');
    pub = await TestPublisher.connect(broker.url, city, w.root);
    await pub.publish(800, 1); // every PUBACK received from the restarted broker
    await pub.publish(20, 10);
    worker.proc.kill('SIGCONT');
    const total = pub.sent.length;
    expect(await waitForHistory(pg, total)).toBe(total);
    expect(await missingFromHistory(pg, pub.sent)).toBe(0);
    expect(await liveMismatches(w.prefix, city, pub.expectedFinal())).toEqual([]);
    expect(await worker.kill('SIGTERM')).toBe(0);
  });

  it('hands a killed worker’s partitions to the survivor within the takeover bound', async () => {
    const w = workerEnv(db.url, broker.url, { INGEST_PARTITIONS: '4' }); // default takeover (2 s)
    prefix = w.prefix;
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      workers.push(await startWorkerProcess({ ...w.env, INGEST_METRICS_PORT: String(port) }));
    }
    const [, victimHealth] = await waitForBalance(ports, 2);
    const deadGateways = city.gateways.filter((g) =>
      victimHealth.partitions.includes(partitionOf(g, 4)),
    );
    expect(deadGateways.length).toBe(2);

    pub = await TestPublisher.connect(broker.url, city, w.root);
    let publishing = true;
    const sending = (async () => {
      while (publishing) {
        await pub!.publish(40, 1);
        await sleep(50);
      }
    })();
    await sleep(1500);
    const killedAt = new Date();
    await workers[1].kill('SIGKILL');
    let tookOverMs = -1;
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      const r = await pg.query<{ n: string }>(
        `SELECT count(*) AS n FROM occupancy_events WHERE gateway_id = ANY($1) AND received_at > $2`,
        [deadGateways, killedAt],
      );
      if (Number(r.rows[0].n) > 0) {
        tookOverMs = Date.now() - killedAt.getTime();
        break;
      }
      await sleep(25);
    }
    process.stdout.write(`takeover: first dead-owned event recorded ${tookOverMs} ms after kill\n`);
    await sleep(1000);
    publishing = false;
    await sending;

    expect(tookOverMs).toBeGreaterThan(0);
    expect(tookOverMs).toBeLessThanOrEqual(TAKEOVER_BOUND_MS);
    expect((await workerHealth(ports[0])).partitions).toEqual([0, 1, 2, 3]);
    const total = pub.sent.length;
    expect(await waitForHistory(pg, total)).toBe(total);
    expect(await missingFromHistory(pg, pub.sent)).toBe(0);
    expect(await liveMismatches(w.prefix, city, pub.expectedFinal())).toEqual([]);
  });
});
