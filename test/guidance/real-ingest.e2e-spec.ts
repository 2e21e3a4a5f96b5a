/** @needs postgres redis (test/support/services.js) */
import { createIngestRuntime, IngestRuntime } from '../../apps/ingest/src/wiring';
import { eventually, GuidanceHarness, TestClock } from './support/guidance-harness';
import { ORIGIN } from './support/guidance-city';

/** Events through the real ingest use case (validate -> order -> history -> live store). */
describe('guidance fed by the real ingest use case', () => {
  const h = new GuidanceHarness(new TestClock(Date.now()));
  let ingest: IngestRuntime;
  let seq = 0;

  const send = async (events: { sensorId: string; occupied: boolean }[]) => {
    const now = Date.now();
    h.clock.t = now;
    const payload = Buffer.from(
      JSON.stringify({
        events: events.map((e) => ({ ...e, seq: ++seq, type: 'status', ts: now })),
      }),
    );
    const [res] = await ingest.service.ingest([{ gatewayId: 'gw1', payload, receivedAt: now }]);
    expect(res.accepted).toBe(events.length);
    return Date.now();
  };
  const nearby = async () =>
    (await h.get(`/v1/spaces/nearby?lat=${ORIGIN.lat}&lon=${ORIGIN.lon}&type=standard`)).json()
      .items as { spaceId: string; ageS: number }[];

  beforeAll(async () => {
    await h.start();
    ingest = await createIngestRuntime(h.config, { listen: false, name: 'guidance-test-ingest' });
  });
  afterAll(async () => {
    await ingest?.close();
    await h.stop();
  });

  it('shows an accepted uplink in the nearby search, lot counts and sign within 1 s', async () => {
    const done = await send([
      { sensorId: 'sn-S1', occupied: false },
      { sensorId: 'sn-S2', occupied: true },
      { sensorId: 'sn-S3', occupied: false },
    ]);
    await eventually(() => h.replica.freeIndex.size === 2, 1000);
    const visibleAfterMs = Date.now() - done;
    expect(visibleAfterMs).toBeLessThan(1000);
    expect((await nearby()).map((i) => i.spaceId)).toEqual(['S1', 'S3']);
    expect((await h.get('/v1/lots/L1')).json()).toMatchObject({ free: 2, occupied: 1, unknown: 2 });
    expect((await h.get('/v1/signs/SIGN1')).json().entries[0]).toMatchObject({ free: 2 });

    await send([{ sensorId: 'sn-S1', occupied: true }]);
    await eventually(() => h.replica.freeIndex.size === 1, 1000);
    expect((await nearby()).map((i) => i.spaceId)).toEqual(['S3']);
  });
});
