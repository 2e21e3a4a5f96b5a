/** @needs postgres redis mosquitto (test/support/services.js) */
import { hashSecret } from '@app/security';
import { Child, getJson, pollUntil } from '../support/child-process';
import { freePort } from '../support/free-port';
import { startTsApp } from '../support/ts-app';
import { SentEvent } from './support/load-generator';
import { poisons } from './support/poison';
import { FaultStack, sleep } from './support/stack';
import { liveSeqs } from './support/verify';

const SECRET = 'gateway-secret-0123456789';
/** Left alone by the load generator: the poison goes out in their name. */
const TARGETS = ['S10', 'S11', 'S12', 'S13', 'S14'];

describe('fault suite: poison messages', () => {
  let stack: FaultStack | null = null;
  let api: Child | null = null;

  afterEach(async () => {
    await api?.kill('SIGKILL');
    api = null;
    await stack?.stop();
    stack = null;
  });

  const gatewayOf = (sensorId: string) =>
    stack!.city.sensors.find((s) => s.sensorId === sensorId)!.gatewayId;

  it('7. poison over MQTT under load: rejected with its reason, valid traffic keeps flowing', async () => {
    stack = await FaultStack.start();
    await stack.startWorker();
    const gen = await stack.load({ exclude: TARGETS });
    gen.start();
    await sleep(2000);
    const ts = Date.now() - 60_000;
    const list = poisons(TARGETS, 1, ts);
    for (const p of list) {
      const valid = p.rejection ? [] : [{ sensorId: p.sensorId, seq: 1, ts, occupied: true }];
      gen.inject(gatewayOf(p.sensorId), [p.raw], valid);
      await sleep(300);
    }
    // the poisoned sensors talk again: their next valid uplink is applied and recorded
    for (const id of TARGETS.slice(1)) {
      const next = { sensorId: id, seq: 2, ts: ts + 1000, occupied: false };
      gen.inject(gatewayOf(id), [gen.eventText(next)], [next]);
    }
    await sleep(2000);
    await gen.stop();
    expect(gen.inflight).toBe(0);
    await stack.verify('7 poison over MQTT', null, {
      rejections: list.flatMap((p) => (p.rejection ? [p.rejection] : [])),
      notes: list.map((p) => p.name).join(', '),
    });
    const proto = await stack.pg.query(
      `SELECT extra ? '__proto__' AS has FROM occupancy_events WHERE sensor_id = $1 AND seq = 1`,
      [TARGETS[4]],
    );
    expect(proto.rows).toEqual([{ has: true }]);
  });

  it('8. poison over HTTP: 200 with the event rejected (or 422), never 503, Redis not ahead', async () => {
    stack = await FaultStack.start({
      secretHash: hashSecret(SECRET, { N: 1024, r: 8, p: 1 }),
      // the API loads the city at start and wants a valid tier
      prepareDb: (pg) =>
        pg
          .query(`UPDATE pricing_tiers SET body = $1`, [
            JSON.stringify({
              id: 'T1',
              basePricePerHour: 2,
              bands: [],
              freeMinutes: 0,
              dailyCap: null,
            }),
          ])
          .then(() => undefined),
    });
    const port = await freePort();
    api = startTsApp('apps/api/src/main.ts', {
      LOG_LEVEL: 'warn',
      DATABASE_URL: stack.db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_URL: stack.redisUrl,
      REDIS_KEY_PREFIX: stack.w.prefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      RATE_LIMIT_ENABLED: 'false',
    });
    await pollUntil(api, 'API ready', async () => {
      const { status } = await getJson(`http://127.0.0.1:${port}/health/ready`);
      return status === 200 ? true : undefined;
    });
    const statuses: number[] = [];
    const events: SentEvent[] = [];
    const post = async (gatewayId: string, raws: string[], tracked: SentEvent[]) => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/ingest/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${gatewayId}:${SECRET}`).toString('base64')}`,
        },
        body: `{"events":[${raws.join(',')}]}`,
      });
      statuses.push(res.status);
      const body = (await res.json()) as {
        events?: Array<{ index: number; status: string; reason?: string }>;
        details?: { reason?: string };
      };
      events.push(...tracked);
      for (const [i, e] of tracked.entries()) {
        e.acked = res.status === 200 && body.events?.[i]?.status === 'accepted';
      }
      return { status: res.status, body };
    };
    const ev = (sensorId: string, seq: number, ts: number): SentEvent => ({
      ...{ sensorId, seq, ts, occupied: seq % 2 === 0 },
      ...{ acked: false, ackedAt: 0 },
    });
    const text = (e: SentEvent, more = '') =>
      `{"sensorId":"${e.sensorId}","seq":${e.seq},"type":"status","occupied":${e.occupied},"ts":${e.ts}${more}}`;
    const ts = Date.now() - 60_000;

    // valid load on the other gateways while the poison goes in
    let loading = true;
    const load = (async () => {
      // stops on its own once the test is done with it (`loading`), also when the test fails
      const others = stack!.city.sensors.filter((s) => !TARGETS.includes(s.sensorId));
      for (let seq = 1; loading && seq < 200; seq++) {
        const batch = others.filter((s) => s.gatewayId === 'G0').slice(0, 50);
        const list = batch.map((s) => ev(s.sensorId, seq, ts + seq));
        await post(
          'G0',
          list.map((e) => text(e)),
          list,
        );
      }
    })();

    const x = TARGETS[1];
    const recordedMax = async () =>
      stack!.count(
        `SELECT coalesce(max(seq), 0) AS n FROM occupancy_events WHERE sensor_id = '${x}'`,
      );
    const warm = [ev(x, 1, ts + 1), ev(x, 2, ts + 2)];
    for (const e of warm) await post(gatewayOf(x), [text(e)], [e]);
    const companionId = stack.city.sensors.find(
      (s) => s.gatewayId === gatewayOf(x) && !TARGETS.includes(s.sensorId),
    )!.sensorId;
    const verdicts: string[] = [];
    const problems: string[] = [];
    let companionSeq = 0;
    try {
      for (const p of poisons([TARGETS[0], x, x, x, x], 3, ts + 3)) {
        const companion = ev(companionId, ++companionSeq, ts + companionSeq);
        const tracked = [companion];
        if (!p.rejection) tracked.push({ ...ev(x, 3, ts + 3), occupied: true });
        const { status, body } = await post(gatewayOf(x), [text(companion), p.raw], tracked);
        const got =
          status === 422
            ? body.details?.reason
            : (body.events?.[1]?.reason ?? body.events?.[1]?.status);
        verdicts.push(`${p.name}: ${status} ${got}`);
        if (status !== 200 && status !== 422) problems.push(`${p.name}: HTTP ${status}`);
        if (got !== (p.rejection?.reason ?? 'accepted')) problems.push(`${p.name}: ${got}`);
        // Redis never ahead of history for the poisoned sensor
        const live = (await liveSeqs(stack.w.prefix, stack.redisUrl, stack.city, [x])).get(x);
        const recorded = await recordedMax();
        if (live !== recorded) problems.push(`${p.name}: live seq ${live}, recorded ${recorded}`);
      }
    } finally {
      loading = false;
      await load.catch(() => undefined);
    }
    const unavailable = statuses.filter((s) => s === 503).length;
    await stack.verify('8 poison over HTTP', null, {
      events,
      rejections: poisons([TARGETS[0], x, x, x, x], 3, ts).flatMap((p) =>
        p.rejection ? [p.rejection] : [],
      ),
      notes: `${verdicts.join(', ')}; ${unavailable} answers 503; ${problems.join(', ')}`,
    });
    expect(problems).toEqual([]);
    expect(unavailable).toBe(0);
    const proto = await stack.pg.query(
      `SELECT extra ? '__proto__' AS has FROM occupancy_events WHERE sensor_id = $1 AND seq = 3`,
      [x],
    );
    expect(proto.rows).toEqual([{ has: true }]);
  });
});
