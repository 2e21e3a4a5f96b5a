/** @needs postgres redis (test/support/services.js) */
import { IngestFixture, ingestFixture, msg } from './support/ingest-fixture';

const T0 = Date.now() - 60_000;
const ev = (sensorId: string, seq: number, o: Record<string, unknown> = {}) => ({
  sensorId,
  seq,
  type: 'status',
  occupied: true,
  ts: T0 + seq,
  ...o,
});

describe('ingest semantics (docs/contracts.md, sensor contract v1) against PostgreSQL and Redis', () => {
  let f: IngestFixture;
  beforeAll(async () => {
    f = await ingestFixture({ lots: 2, spacesPerLot: 10, gateways: 2 });
  });
  afterAll(async () => {
    await f?.close();
  });

  const ingest = (gw: string, body: unknown, at?: number) =>
    f.rt.service.ingest([msg(gw, body, at)]).then((r) => r[0]);
  const space = (sensor: string) => {
    const s = f.city.sensors.find((x) => x.sensorId === sensor)!;
    return f.rt.reader.getSpace(s.lotId, s.spaceId);
  };
  const history = (sensor: string) =>
    f.sql<{ seq: string; late: boolean; gateway_id: string }>(
      'SELECT seq, late, gateway_id FROM occupancy_events WHERE sensor_id = $1 ORDER BY received_at, seq',
      [sensor],
    );
  const rejections = (reason: string) =>
    f.sql<{ gateway_id: string; raw: string; sensor_id: string | null; detail: string }>(
      'SELECT gateway_id, raw, sensor_id, detail FROM ingest_rejections WHERE reason = $1',
      [reason],
    );

  it('applies a new event to live state and history, with lot counts', async () => {
    const r = await ingest('G0', ev('S2', 1, { occupied: false, batteryMv: 3600 }));
    expect(r.accepted).toBe(1);
    const s = await space('S2');
    expect(s).toMatchObject({ state: 'free', seq: 1, batteryMv: 3600, batteryLow: false });
    expect(await history('S2')).toHaveLength(1);
    const [l0] = await f.rt.reader.lotCounts(['L0']);
    expect(l0).toEqual({ lotId: 'L0', free: 1, occupied: 0, unknown: 9 });
  });

  it('treats a repeated uplink as a duplicate: one history row, no change', async () => {
    const before = await space('S2');
    const r = await ingest('G0', ev('S2', 1, { occupied: false }));
    expect(r).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await history('S2')).toHaveLength(1);
    expect((await space('S2'))!.ver).toBe(before!.ver);
  });

  it('takes an uplink heard by two gateways once', async () => {
    const e = ev('S0', 7);
    const [a, b] = await f.rt.service.ingest([msg('G0', e), msg('G1', e)]);
    expect(a.accepted + b.accepted).toBe(1);
    expect(a.duplicates + b.duplicates).toBe(1);
    const again = await ingest('G1', e);
    expect(again.duplicates).toBe(1);
    expect(await history('S0')).toHaveLength(1);
  });

  it('keeps an older seq in history as late without regressing live state', async () => {
    await ingest('G0', ev('S4', 10, { occupied: true }));
    const r = await ingest('G0', ev('S4', 9, { occupied: false }));
    expect(r).toMatchObject({ late: 1, accepted: 0 });
    expect(await space('S4')).toMatchObject({ state: 'occupied', seq: 10 });
    const rows = await history('S4');
    expect(rows.map((x) => [Number(x.seq), x.late])).toEqual([
      [10, false],
      [9, true],
    ]);
  });

  it('takes a repeated (sensorId, seq) of one boot as a duplicate whatever its ts', async () => {
    await ingest('G0', ev('S16', 20));
    await ingest('G0', ev('S16', 22));
    // the current seq again, and a late seq twice, each time with another ts
    const same = await ingest('G0', ev('S16', 22, { ts: T0 + 500 }));
    const late = await ingest('G0', ev('S16', 21, { ts: T0 + 600 }));
    const lateAgain = await ingest('G0', ev('S16', 21, { ts: T0 + 700 }));
    const oldAgain = await ingest('G0', ev('S16', 20, { ts: T0 + 800 }));
    expect(
      [same, late, lateAgain, oldAgain].map((r) => [r.accepted, r.late, r.duplicates]),
    ).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
    const rows = await history('S16');
    expect(rows.map((x) => [Number(x.seq), x.late])).toEqual([
      [20, false],
      [22, false],
      [21, true],
    ]);
  });

  it('orders by seq across the 32-bit wrap', async () => {
    await ingest('G0', ev('S6', 4294967295, { occupied: true, ts: T0 }));
    const r = await ingest('G0', ev('S6', 0, { occupied: false, ts: T0 + 5000 }));
    expect(r.accepted).toBe(1);
    expect(await space('S6')).toMatchObject({ state: 'free', seq: 0 });
    const late = await ingest('G0', ev('S6', 4294967290, { occupied: true, ts: T0 + 10 }));
    expect(late.late).toBe(1);
    expect(await space('S6')).toMatchObject({ state: 'free', seq: 0 });
  });

  it('resets the baseline on startup; old-boot events after it are late; reused seqs are new', async () => {
    await ingest('G0', ev('S8', 500, { occupied: true, ts: T0 }));
    const boot = T0 + 10_000;
    const s = await ingest('G0', ev('S8', 0, { type: 'startup', occupied: false, ts: boot }));
    expect(s.accepted).toBe(1);
    expect(await space('S8')).toMatchObject({ state: 'free', seq: 0, bootTs: boot });
    const next = await ingest('G0', ev('S8', 1, { occupied: true, ts: boot + 1000 }));
    expect(next.accepted).toBe(1);
    const old = await ingest('G0', ev('S8', 501, { occupied: false, ts: T0 + 100 }));
    expect(old.late).toBe(1);
    expect(await space('S8')).toMatchObject({ state: 'occupied', seq: 1 });
    // the same seq values in a later boot are not duplicates
    const boot2 = boot + 60_000;
    await ingest('G0', ev('S8', 0, { type: 'startup', occupied: false, ts: boot2 }));
    const reused = await ingest('G0', ev('S8', 1, { occupied: true, ts: boot2 + 10 }));
    expect(reused.accepted).toBe(1);
    expect((await history('S8')).length).toBe(6);
  });

  it('counts lost uplinks from seq gaps', async () => {
    await ingest('G1', ev('S1', 1));
    await ingest('G1', ev('S1', 5));
    expect((await space('S1'))!.lost).toBe(3);
    const [row] = await f.sql<{ lost: string }>(
      `SELECT split_part(record, '|', 12) AS lost FROM live_space_record
       WHERE split_part(record, '|', 10) = 'S1'`,
    );
    expect(Number(row.lost)).toBe(3);
  });

  it('raises the low-battery flag under the model threshold', async () => {
    await ingest('G1', ev('S3', 1, { batteryMv: 3000 }));
    expect(await space('S3')).toMatchObject({ batteryLow: true, batteryMv: 3000 });
  });

  it('rejects an unknown sensor and stores reason, gateway and raw payload', async () => {
    const r = await ingest('G0', ev('NOPE', 1));
    expect(r.events[0]).toMatchObject({ status: 'rejected', reason: 'unknown_sensor' });
    const [row] = await rejections('unknown_sensor');
    expect(row).toMatchObject({ gateway_id: 'G0', sensor_id: 'NOPE' });
    expect(row.raw).toContain('"NOPE"');
  });

  it('rejects a sensor not bound to the publishing gateway', async () => {
    const r = await ingest('G1', ev('S2', 2));
    expect(r.events[0]).toMatchObject({ status: 'rejected', reason: 'wrong_gateway' });
    expect(await rejections('wrong_gateway')).toHaveLength(1);
    expect((await space('S2'))!.seq).toBe(1);
  });

  it('rejects ts more than 10 minutes ahead or more than 7 days old', async () => {
    const now = Date.now();
    const fut = await ingest('G0', ev('S10', 1, { ts: now + 11 * 60_000 }), now);
    const old = await ingest('G0', ev('S10', 2, { ts: now - 8 * 86_400_000 }), now);
    expect(fut.events[0].reason).toBe('ts_future');
    expect(old.events[0].reason).toBe('ts_too_old');
    const ok = await ingest(
      'G0',
      ev('S10', 3, { ts: new Date(now - 6 * 86_400_000).toISOString() }),
      now,
    );
    expect(ok.accepted).toBe(1);
  });

  it('rejects malformed JSON, schema violations, oversized and too-many-event messages', async () => {
    const bad = await ingest('G0', '{"sensorId": "S2", ');
    expect(bad.rejection?.reason).toBe('malformed_json');
    const schema = await ingest('G0', {
      sensorId: 'S2',
      seq: -1,
      type: 'status',
      occupied: true,
      ts: T0,
    });
    expect(schema.events[0].reason).toBe('schema');
    const big = await ingest('G0', { events: [ev('S2', 3)], pad: 'x'.repeat(300 * 1024) });
    expect(big.rejection?.reason).toBe('oversized');
    const many = await ingest('G0', {
      events: Array.from({ length: 1001 }, (_, i) => ev('S2', 10 + i)),
    });
    expect(many.rejection?.reason).toBe('too_many_events');
    const [raw] = await rejections('oversized');
    expect(Buffer.byteLength(raw.raw)).toBeLessThanOrEqual(4096);
    for (const reason of ['malformed_json', 'schema', 'too_many_events']) {
      expect(await rejections(reason)).toHaveLength(1);
    }
    const metric = await f.rt.metrics.registry.getSingleMetricAsString(
      'ingest_events_rejected_total',
    );
    expect(metric).toMatch(/reason="oversized"} 1/);
  });

  it('applies the good events of a mixed message and rejects the bad ones one by one', async () => {
    const r = await ingest('G0', {
      events: [
        ev('S12', 1, { occupied: false }),
        ev('GHOST', 1),
        { sensorId: 'S14' },
        ev('S14', 1),
      ],
    });
    expect(r.events.map((e) => e.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
    expect(await space('S12')).toMatchObject({ state: 'free' });
    expect(await space('S14')).toMatchObject({ state: 'occupied' });
  });

  it('keeps lot counts within 0 <= count and sum <= capacity', async () => {
    for (const c of await f.rt.reader.lotCounts(f.city.lots)) {
      expect(Math.min(c.free, c.occupied, c.unknown)).toBeGreaterThanOrEqual(0);
      expect(c.free + c.occupied + c.unknown).toBe(10);
    }
    const spaces = await f.rt.reader.snapshotSpaces(['L0']);
    const [l0] = await f.rt.reader.lotCounts(['L0']);
    expect(l0.free).toBe(spaces.filter((s) => s.state === 'free').length);
    expect(l0.occupied).toBe(spaces.filter((s) => s.state === 'occupied').length);
  });
});
