/** @needs postgres redis redis-server mosquitto (test/support/services.js) */
import { Client } from 'pg';
import { FaultStack, readiness, sleep } from './support/stack';

const REFUSED = 'S7';

async function refuseSensor(pg: Client): Promise<void> {
  // PG 13+ allows BEFORE ROW triggers on the partitioned parent; they fire for every partition
  await pg.query(`
    CREATE FUNCTION fault_refuse_sensor() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.sensor_id = '${REFUSED}' THEN
        RAISE EXCEPTION 'fault suite refuses sensor %', NEW.sensor_id USING ERRCODE = '22023';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fault_refuse_sensor BEFORE INSERT ON occupancy_events
      FOR EACH ROW EXECUTE FUNCTION fault_refuse_sensor();
  `);
}

describe('fault suite: Redis and PostgreSQL faults under ~2,000 events/s', () => {
  let stack: FaultStack | null = null;

  afterEach(async () => {
    await stack?.stop();
    stack = null;
  });

  it('2. Redis killed and restarted empty under load: converges', async () => {
    stack = await FaultStack.start({ ownRedis: true });
    await stack.startWorker();
    const gen = await stack.load();
    gen.start();
    await sleep(4000);
    await stack.redis!.restart(500);
    const recovery = stack.recovery();
    await sleep(4000);
    await gen.stop();
    expect(gen.inflight).toBe(0);
    await stack.verify('2 Redis kill -9, restarted empty', recovery);
  });

  it('3. PostgreSQL cut for 5 s under load: not ready while cut, converges after', async () => {
    stack = await FaultStack.start({ pgProxy: true });
    const worker = await stack.startWorker({ INGEST_STUCK_MS: '10000' });
    const gen = await stack.load();
    gen.start();
    await sleep(3000);
    expect(await readiness(worker.metricsPort)).toBe(200);
    stack.proxy!.cut();
    const cutAt = Date.now();
    const during: number[] = [];
    while (Date.now() - cutAt < 5000) {
      during.push(await readiness(worker.metricsPort));
      await sleep(250);
    }
    stack.proxy!.restore();
    const recovery = stack.recovery();
    await sleep(4000);
    await gen.stop();
    let after = 0;
    for (let i = 0; i < 60 && after !== 200; i++) {
      after = await readiness(worker.metricsPort);
      if (after !== 200) await sleep(250);
    }
    const firstNotReady = during.indexOf(503);
    await stack.verify('3 PostgreSQL cut 5 s', recovery, {
      notes: `ready answered 503 ${firstNotReady < 0 ? 'never' : `from ~${firstNotReady * 0.25} s`} into the cut`,
    });
    // the last second of the cut must be "not ready": PostgreSQL was unreachable all along
    expect(during.slice(-4)).toEqual([503, 503, 503, 503]);
    expect(after).toBe(200);
  });

  it('9. a row PostgreSQL refuses is isolated: store_refused, everything else recorded', async () => {
    stack = await FaultStack.start({ prepareDb: refuseSensor });
    await stack.startWorker();
    const gen = await stack.load();
    gen.start();
    await sleep(6000);
    await gen.stop();
    const refusedAcked = gen.acked().filter((e) => e.sensorId === REFUSED).length;
    expect(refusedAcked).toBeGreaterThan(0);
    await stack.verify('9 PostgreSQL refuses one sensor', null, {
      mustRecord: (e) => e.acked && e.sensorId !== REFUSED,
      refused: [REFUSED],
      notes: `${refusedAcked} acked events of ${REFUSED} refused by a trigger`,
    });
    const rejected = await stack.count(
      `SELECT count(*) AS n FROM ingest_rejections
        WHERE reason = 'store_refused' AND sensor_id = '${REFUSED}'`,
    );
    expect(rejected).toBeGreaterThanOrEqual(refusedAcked);
  });
});
