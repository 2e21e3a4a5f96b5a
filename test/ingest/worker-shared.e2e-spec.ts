/** @needs postgres redis mosquitto (test/support/services.js) */
import { Client } from 'pg';
import { partitionOf } from '../../apps/ingest/src/partitions/partitions';
import { Child } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { liveMismatches, missingFromHistory, waitForHistory } from './support/expect-converged';
import { TestPublisher } from './support/publisher';
import { seedTestCity, TestCity } from './support/test-city';
import { deletePrefix } from './support/test-config';
import { waitForBalance } from './support/worker-health';
import { workerEnv } from './support/worker-env';
import { startWorkerProcess } from './support/worker-process';

async function counter(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PARTITIONS = 4;

describe('two ingest workers sharing 4 partitions', () => {
  let db: TestDatabase;
  let broker: OwnMosquitto;
  let city: TestCity;
  let pg: Client;
  const workers: Child[] = [];
  let pub: TestPublisher | null = null;
  let prefix = '';

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDatabase(), startMosquitto()]);
    city = await seedTestCity(db.url, { lots: 4, spacesPerLot: 50, gateways: 4 });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pub?.close();
    for (const w of workers) await w.kill('SIGKILL');
    await pg?.end();
    await broker?.stop();
    if (prefix) await deletePrefix(prefix);
    await db?.drop();
  });

  it('splits the stream by partition with no loss and no double effect', async () => {
    // G0..G3 hash to four different partitions (FNV-1a mod 4)
    expect(new Set(city.gateways.map((g) => partitionOf(g, PARTITIONS))).size).toBe(4);
    const w = workerEnv(db.url, broker.url, {
      INGEST_PARTITIONS: String(PARTITIONS),
      INGEST_TAKEOVER_MS: '300',
    });
    prefix = w.prefix;
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      workers.push(await startWorkerProcess({ ...w.env, INGEST_METRICS_PORT: String(port) }));
    }
    const health = await waitForBalance(ports, 2);
    expect(new Set(health.flatMap((h) => h.partitions)).size).toBe(PARTITIONS);

    pub = await TestPublisher.connect(broker.url, city, w.root);
    await pub.publish(3000, 1);
    await pub.publish(100, 20);
    // the same uplinks again must not count twice
    await pub.republish(300);
    const total = pub.sent.length;
    expect(await waitForHistory(pg, total)).toBe(total);
    const dups = async () =>
      (await Promise.all(ports.map((p) => counter(p, 'ingest_events_duplicate_total')))).reduce(
        (x, y) => x + y,
      );
    for (let i = 0; i < 50 && (await dups()) < 300; i++) await sleep(100);
    expect(await dups()).toBe(300);

    // each worker recorded exactly the events of the gateways in its partitions
    const gatewayOf = new Map(city.sensors.map((s) => [s.sensorId, s.gatewayId]));
    const expected = health.map(
      (h) =>
        pub!.sent.filter((e) => h.partitions.includes(partitionOf(gatewayOf.get(e.sensorId)!, 4)))
          .length,
    );
    const accepted = await Promise.all(
      ports.map((p) => counter(p, 'ingest_events_accepted_total')),
    );
    expect(accepted).toEqual(expected);
    expect(accepted[0]).toBeGreaterThan(total * 0.2);
    expect(accepted[1]).toBeGreaterThan(total * 0.2);
    expect(await missingFromHistory(pg, pub.sent)).toBe(0);
    expect(await liveMismatches(w.prefix, city, pub.expectedFinal())).toEqual([]);
  });
});
