/** @needs postgres redis mosquitto (test/support/services.js) */
import { FaultStack, sleep } from './support/stack';

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

describe('fault suite: ingest workers dying under ~2,000 events/s', () => {
  let stack: FaultStack | null = null;

  afterEach(async () => {
    await stack?.stop();
    stack = null;
  });

  it('1. worker kill -9 under load, restarted: nothing acked lost or doubled, no late rows', async () => {
    stack = await FaultStack.start();
    const worker = await stack.startWorker();
    const gen = await stack.load();
    gen.start();
    await sleep(4000);
    expect(await worker.child.kill('SIGKILL')).toBeNull();
    await sleep(1000);
    await stack.startWorker();
    const recovery = stack.recovery();
    await sleep(4000);
    await gen.stop();
    expect(gen.inflight).toBe(0);
    await stack.verify('1 worker kill -9, restarted', recovery);
    // each sensor's seqs went out in order: a redelivery must not turn anything late
    expect(await stack.count('SELECT count(*) AS n FROM occupancy_events WHERE late')).toBe(0);
  });

  it('4. two workers, one killed -9 for good: the survivor takes over within 10 s', async () => {
    stack = await FaultStack.start();
    const env = { INGEST_PARTITIONS: '4', INGEST_TAKEOVER_MS: '2000' };
    const a = await stack.startWorker(env);
    const b = await stack.startWorker(env);
    const gen = await stack.load();
    gen.start();
    await sleep(4000);
    const [na, nb] = await Promise.all(
      [a, b].map((w) => metric(w.metricsPort, 'ingest_events_accepted_total')),
    );
    // kill the busier one: it surely owns partitions
    const [victim, survivor] = (na || 0) >= (nb || 0) ? [a, b] : [b, a];
    const killedAt = Date.now();
    await victim.child.kill('SIGKILL');
    const recovery = stack.recovery();
    let takeoverMs: number | null = null;
    while (Date.now() - killedAt < 20_000) {
      const res = await stack.pg.query<{ n: string }>(
        `SELECT count(DISTINCT gateway_id) AS n FROM occupancy_events
          WHERE received_at > to_timestamp($1 / 1000.0)`,
        [killedAt],
      );
      if (Number(res.rows[0].n) === stack.city.gateways.length) {
        takeoverMs = Date.now() - killedAt;
        break;
      }
      await sleep(100);
    }
    await sleep(2000);
    await gen.stop();
    await stack.verify('4 two workers, one killed -9', recovery, {
      notes: `every gateway recorded again ${takeoverMs === null ? 'never' : `${(takeoverMs / 1000).toFixed(2)} s`} after the kill; accepted before kill ${na}/${nb}`,
    });
    expect(survivor.child.proc.exitCode).toBeNull();
    expect(takeoverMs).not.toBeNull();
    expect(takeoverMs!).toBeLessThan(10_000);
  });
});
