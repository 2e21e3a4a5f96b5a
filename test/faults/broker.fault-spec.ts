/** @needs postgres redis mosquitto (test/support/services.js) */
import { FaultStack, signal, sleep } from './support/stack';

/** Mosquitto 2.0 saves every `autosave_interval` (1 s): allow for the save itself. */
const AUTOSAVE_MARGIN_MS = 1500;

describe('fault suite: broker restarts while the worker is offline', () => {
  let stack: FaultStack | null = null;

  afterEach(async () => {
    await stack?.stop();
    stack = null;
  });

  it('5. broker SIGTERM restart, worker stopped: everything acked is recorded on resume', async () => {
    stack = await FaultStack.start({ persistentBroker: true });
    const worker = await stack.startWorker();
    const gen = await stack.load();
    gen.start();
    await sleep(2000);
    signal(worker.child, 'SIGSTOP');
    await sleep(3000);
    const restartAt = Date.now();
    await stack.restartableBroker.restart('SIGTERM');
    await sleep(3000);
    await gen.stop();
    expect(gen.inflight).toBe(0);
    signal(worker.child, 'SIGCONT');
    const recovery = stack.recovery();
    await stack.verify('5 broker SIGTERM restart, worker stopped', recovery, {
      faultAt: restartAt,
    });
  });

  it('6. broker kill -9, worker offline: everything acked before the last autosave is recorded', async () => {
    stack = await FaultStack.start({ persistentBroker: true });
    const first = await stack.startWorker();
    const gen = await stack.load();
    gen.start();
    await sleep(2000);
    expect(await first.child.kill('SIGTERM')).toBe(0);
    await sleep(3000);
    await gen.stop();
    await sleep(2500); // > 2 autosaves: the queued session is on disk
    gen.start();
    await sleep(1000);
    const killedAt = Date.now();
    await stack.restartableBroker.restart('SIGKILL');
    const restartedAt = Date.now();
    await sleep(2000);
    await gen.stop();
    await stack.startWorker();
    const safe = (e: { acked: boolean; ackedAt: number }) =>
      e.acked && (e.ackedAt < killedAt - AUTOSAVE_MARGIN_MS || e.ackedAt > restartedAt);
    const recovery = stack.recovery(gen.events.filter(safe).length);
    const window = gen.events.filter((e) => e.acked && !safe(e));
    for (let i = 0; i < 60 && recovery.caughtUpMs === null; i++) await sleep(250);
    await sleep(1000);
    const lostSql = (await stack.pg.query('SELECT sensor_id, seq FROM occupancy_events')).rows;
    const recorded = new Set(lostSql.map((r) => `${r.sensor_id}|${r.seq}`));
    const lost = window.filter((e) => !recorded.has(`${e.sensorId}|${e.seq}`)).length;
    await stack.verify('6 broker kill -9, worker offline', recovery, {
      mustRecord: safe,
      faultAt: killedAt,
      notes: `${window.length} acked in the ${AUTOSAVE_MARGIN_MS} ms before the kill, ${lost} of them lost by Mosquitto`,
    });
  });
});
