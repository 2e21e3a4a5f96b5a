/** @needs postgres redis (test/support/services.js) */
import { IngestFixture, ingestFixture, msg } from './support/ingest-fixture';

/**
 * A row PostgreSQL refuses for a reason the parser cannot know (here a trigger raising a data
 * exception for one sensor): the refusing event is rejected as `store_refused`, the rest of
 * the batch is recorded, and the refused event leaves no trace in the live state.
 */
describe('ingest: a message the history refuses for good', () => {
  let f: IngestFixture;
  const live = (i: number) => {
    const s = f.city.sensors[i];
    return f.rt.reader.getSpace(s.lotId, s.spaceId);
  };
  const ev = (i: number, seq: number, occupied: boolean) => {
    const s = f.city.sensors[i];
    return msg(s.gatewayId, {
      sensorId: s.sensorId,
      seq,
      type: 'status',
      occupied,
      ts: Date.now() - 1000,
    });
  };

  beforeAll(async () => {
    f = await ingestFixture({ lots: 2, spacesPerLot: 3, gateways: 1 });
  });
  afterAll(async () => {
    await f?.sql('DROP TRIGGER IF EXISTS refuse_one ON occupancy_events').catch(() => undefined);
    await f?.close();
  });

  it('rejects only the refusing event, records the rest, and rolls the live state back', async () => {
    const poison = f.city.sensors[0].sensorId;
    await f.rt.service.ingest([ev(0, 1, false), ev(1, 1, false)]);
    await f.sql(`
      CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.sensor_id = '${poison}' THEN
          RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023';
        END IF;
        RETURN NEW;
      END $$`);
    await f.sql(`CREATE TRIGGER refuse_one BEFORE INSERT ON occupancy_events
      FOR EACH ROW EXECUTE FUNCTION refuse_one()`);

    const results = await f.rt.service.ingest([ev(0, 2, true), ev(1, 2, true), ev(3, 1, true)]);
    expect(results[0].events).toEqual([
      {
        index: 0,
        sensorId: poison,
        status: 'rejected',
        reason: 'store_refused',
        detail: expect.stringContaining('refused for the test'),
      },
    ]);
    expect(results.slice(1).map((r) => r.accepted)).toEqual([1, 1]);

    const rejected = await f.sql<{ reason: string; raw: string; gateway_id: string }>(
      `SELECT reason, raw, gateway_id FROM ingest_rejections WHERE reason = 'store_refused'`,
    );
    expect(rejected).toHaveLength(1);
    expect(JSON.parse(rejected[0].raw)).toMatchObject({ sensorId: poison, seq: 2 });
    // the refused event was applied before the refusal; its lot is back at the recorded state
    expect(await live(0)).toMatchObject({ seq: 1, state: 'free' });
    expect(await live(1)).toMatchObject({ seq: 2, state: 'occupied' });
    expect(await live(3)).toMatchObject({ seq: 1, state: 'occupied' });

    // once PostgreSQL takes it, the gateway's retry is applied and recorded (not a duplicate)
    await f.sql('DROP TRIGGER refuse_one ON occupancy_events');
    const [retry] = await f.rt.service.ingest([ev(0, 2, true)]);
    expect(retry.accepted).toBe(1);
    expect(await live(0)).toMatchObject({ seq: 2, state: 'occupied' });
    const rows = await f.sql<{ sensor_id: string; seq: string }>(
      'SELECT sensor_id, seq FROM occupancy_events ORDER BY sensor_id, seq',
    );
    expect(rows.map((r) => `${r.sensor_id}|${r.seq}`)).toEqual(
      [
        `${poison}|1`,
        `${poison}|2`,
        `${f.city.sensors[1].sensorId}|1`,
        `${f.city.sensors[1].sensorId}|2`,
        `${f.city.sensors[3].sensorId}|1`,
      ].sort(),
    );
  });
});
