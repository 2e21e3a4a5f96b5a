import { LiveChangeMessage, lotSlot } from '@app/live-store';
import { IngestFixture, ingestFixture, msg } from '../support/ingest-fixture';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Change stream, liveness and city reload through the ingest runtime, on either adapter; with
 * `clusterNodes`, on a Redis Cluster (one change message per slot instead of per batch).
 */
export function describeLiveStateContract(
  adapter: string,
  memory: boolean,
  clusterNodes?: () => string[],
): void {
  describe(`${adapter}: live state: change stream, liveness, city reload`, () => {
    let f: IngestFixture;
    beforeAll(async () => {
      // heartbeat 10 s (the city file's minimum), grace 1 s: stale after 21 s without uplinks
      f = await ingestFixture({
        lots: 3,
        spacesPerLot: 20,
        gateways: 1,
        heartbeatS: 10,
        graceS: 1,
        memory,
        clusterNodes: clusterNodes?.(),
      });
    });
    afterAll(async () => {
      await f?.close();
    });

    const ev = (sensorId: string, seq: number, occupied: boolean, batteryMv?: number) => ({
      sensorId,
      seq,
      type: 'heartbeat',
      occupied,
      ts: Date.now() - 1000,
      batteryMv,
    });

    it('publishes changes with lot counts on <prefix>live:changes', async () => {
      const got: LiveChangeMessage[] = [];
      const stop = await f.rt.reader.subscribeChanges((m) => got.push(m));
      try {
        await f.rt.service.ingest([msg('G0', { events: [ev('S0', 1, false), ev('S1', 1, true)] })]);
        for (let i = 0; i < 50 && got.length === 0; i++) await sleep(20);
        expect(got).toHaveLength(1);
        expect(got[0].changes).toEqual([
          expect.objectContaining({
            spaceId: 'P0',
            lotId: 'L0',
            zoneId: 'Z1',
            state: 'free',
            seq: 1,
          }),
          expect.objectContaining({ spaceId: 'P1', state: 'occupied', batteryLow: false }),
        ]);
        expect(got[0].lots).toEqual([
          { lotId: 'L0', zoneId: 'Z1', free: 1, occupied: 1, unknown: 18 },
        ]);
      } finally {
        await stop();
      }
    });

    it('publishes one message per batch covering every lot it changed (per slot on a cluster)', async () => {
      const got: LiveChangeMessage[] = [];
      const stop = await f.rt.reader.subscribeChanges((m) => got.push(m));
      try {
        // S2 is in lot L0 and S21 in L1 (20 spaces per lot)
        await f.rt.service.ingest([
          msg('G0', { events: [ev('S2', 1, true), ev('S21', 1, false)] }),
        ]);
        const expected = clusterNodes && lotSlot('L0') !== lotSlot('L1') ? 2 : 1;
        for (let i = 0; i < 50 && got.length < expected; i++) await sleep(20);
        await sleep(50);
        expect(got).toHaveLength(expected);
        const changes = got.flatMap((m) => m.changes ?? []);
        expect(changes.map((c) => [c.spaceId, c.lotId, c.state]).sort()).toEqual([
          ['P2', 'L0', 'occupied'],
          ['P21', 'L1', 'free'],
        ]);
        for (const m of got) {
          // a message's counts are those of the lots it changed
          const lots = [...new Set(m.changes?.map((c) => c.lotId))].sort();
          expect(m.lots?.map((l) => l.lotId).sort()).toEqual(lots);
        }
      } finally {
        await stop();
      }
    });

    it('turns a silent sensor unknown (not offered as free) and recovers on the next uplink', async () => {
      const old = Date.now() - 60_000;
      await f.rt.service.ingest([msg('G0', ev('S5', 1, false), old)]);
      expect(await f.rt.reader.getSpace('L0', 'P5')).toMatchObject({ state: 'free' });
      expect(await f.rt.sweeper.sweepOnce()).toBeGreaterThanOrEqual(1);
      expect(await f.rt.reader.getSpace('L0', 'P5')).toMatchObject({
        state: 'unknown',
        since: old + 21_000,
      });
      const snapshot = await f.rt.reader.snapshotSpaces(['L0']);
      const [counts] = await f.rt.reader.lotCounts(['L0']);
      expect(counts.free).toBe(snapshot.filter((s) => s.state === 'free').length);
      expect(snapshot.find((s) => s.spaceId === 'P5')?.state).toBe('unknown');
      await f.rt.service.ingest([msg('G0', ev('S5', 2, false))]);
      expect(await f.rt.reader.getSpace('L0', 'P5')).toMatchObject({ state: 'free', seq: 2 });
      expect(await f.rt.sweeper.sweepOnce()).toBe(0);
    });

    it('reloads sensors on NOTIFY city_changed', async () => {
      const before = await f.rt.service.ingest([msg('G0', ev('NEW1', 1, true))]);
      expect(before[0].events[0].reason).toBe('unknown_sensor');
      await f.sql(`INSERT INTO spaces (id, lot_id, lat, lon) VALUES ('PNEW', 'L2', 31.3, 121.5)`);
      await f.sql(`INSERT INTO sensors (id, model_id, space_id) VALUES ('NEW1', 'M1', 'PNEW')`);
      await f.sql(`INSERT INTO sensor_gateways (sensor_id, gateway_id) VALUES ('NEW1', 'G0')`);
      await f.sql(`NOTIFY city_changed`);
      const total = async () => {
        const [c] = await f.rt.reader.lotCounts(['L2']);
        return c.free + c.occupied + c.unknown;
      };
      for (let i = 0; i < 50 && (await total()) !== 21; i++) await sleep(50);
      // the lot was refreshed: the new space is counted (unknown until it reports)
      expect(await f.rt.reader.lotCounts(['L2'])).toEqual([
        { lotId: 'L2', free: 0, occupied: 0, unknown: 21 },
      ]);
      const after = await f.rt.service.ingest([msg('G0', ev('NEW1', 2, true))]);
      expect(after[0].accepted).toBe(1);
      expect(await f.rt.reader.lotCounts(['L2'])).toEqual([
        { lotId: 'L2', free: 0, occupied: 1, unknown: 20 },
      ]);
    });
  });
}
