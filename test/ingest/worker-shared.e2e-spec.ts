import { Client } from 'pg';
import { Child } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { liveMismatches, missingFromHistory, waitForHistory } from './support/expect-converged';
import { TestPublisher } from './support/publisher';
import { seedTestCity, TestCity } from './support/test-city';
import { deletePrefix } from './support/test-config';
import { workerEnv } from './support/worker-env';
import { startWorkerProcess } from './support/worker-process';

async function counter(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('two ingest workers in one shared-subscription group', () => {
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

  it('splits the stream with no loss and no double effect', async () => {
    const w = workerEnv(db.url, broker.url);
    prefix = w.prefix;
    const ports = [await freePort(), await freePort()];
    for (const [i, port] of ports.entries()) {
      workers.push(
        await startWorkerProcess({
          ...w.env,
          MQTT_CLIENT_ID: `ingest-${w.id}-${i}`,
          INGEST_METRICS_PORT: String(port),
        }),
      );
    }
    pub = await TestPublisher.connect(broker.url, city, w.root);
    await pub.publish(3000, 1);
    await pub.publish(100, 20);
    // the same uplinks again, spread over both workers, must not count twice
    await pub.republish(300);
    const total = pub.sent.length;
    expect(await waitForHistory(pg, total)).toBe(total);
    const dups = async () =>
      (await Promise.all(ports.map((p) => counter(p, 'ingest_events_duplicate_total')))).reduce(
        (x, y) => x + y,
      );
    for (let i = 0; i < 50 && (await dups()) < 300; i++) await sleep(100);
    expect(await dups()).toBe(300);
    const [a, b] = await Promise.all(ports.map((p) => counter(p, 'ingest_events_accepted_total')));
    expect(a).toBeGreaterThan(total * 0.2);
    expect(b).toBeGreaterThan(total * 0.2);
    expect(a + b).toBe(total);
    expect(await missingFromHistory(pg, pub.sent)).toBe(0);
    expect(await liveMismatches(w.prefix, city, pub.expectedFinal())).toEqual([]);
  });
});
