import { serviceEnv } from '../../support/test-services';
import { ApplyItem, LiveChangeMessage } from '@app/live-store';
import { join } from 'node:path';
import { startChild } from '../../support/child-process';
import { IngestFixture, ingestFixture, msg } from '../support/ingest-fixture';

/**
 * Rebuilding the live state from PostgreSQL, on either adapter. `cli`: also through
 * `npm run ingest:rebuild` (another process: Redis only).
 */
export function describeRebuildContract(
  adapter: string,
  o: { memory: boolean; cli: boolean; clusterNodes?: () => string[] },
): void {
  describe(`${adapter}: rebuilding the live state from PostgreSQL`, () => {
    let f: IngestFixture;
    beforeAll(async () => {
      f = await ingestFixture({
        lots: 3,
        spacesPerLot: 20,
        gateways: 1,
        memory: o.memory,
        clusterNodes: o.clusterNodes?.(),
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

    /** An event as the ingest use case hands it to the live store (bypassing PostgreSQL). */
    const item = (
      lotId: string,
      s: { spaceId: string; sensorId: string },
      seq: number,
      ts: number,
    ): ApplyItem => ({
      lotId,
      zoneId: 'Z1',
      spaceId: s.spaceId,
      sensorId: s.sensorId,
      seq,
      type: 'status',
      occupied: true,
      ts,
      receivedAt: Date.now(),
      lowBatteryMv: null,
      staleMs: 600_000,
    });

    it('rebuilds exactly the same live state from PostgreSQL after the keys are gone', async () => {
      const events = [];
      for (let i = 0; i < 50; i++)
        events.push(ev(`S${i}`, 3, i % 3 === 0, i % 7 === 0 ? 3000 : 3600));
      await f.rt.service.ingest([msg('G0', { events })]);
      const spaces = await f.rt.reader.snapshotSpaces(f.city.lots);
      const counts = await f.rt.reader.lotCounts(f.city.lots);
      await f.wipeLive();
      expect(await f.rt.reader.snapshotSpaces(f.city.lots)).toEqual([]);
      await f.rt.rebuilder.rebuild(false);
      const sort = <T extends { spaceId: string }>(a: T[]) =>
        [...a].sort((x, y) => x.spaceId.localeCompare(y.spaceId));
      expect(sort(await f.rt.reader.snapshotSpaces(f.city.lots))).toEqual(sort(spaces));
      expect(await f.rt.reader.lotCounts(f.city.lots)).toEqual(counts);

      if (!o.cli) return;
      // the same through `npm run ingest:rebuild`
      await f.wipeLive();
      const cli = startChild('npm', ['run', '-s', 'ingest:rebuild'], {
        cwd: join(__dirname, '..', '..', '..'),
        env: {
          ...process.env,
          ...serviceEnv(),
          DATABASE_URL: f.db.url,
          REDIS_KEY_PREFIX: f.prefix,
          ...f.redisEnv,
          NODE_ENV: 'test',
        },
      });
      // the state to wait on is the process's end (a loaded machine takes tens of seconds for ts-node)
      const timeout = setTimeout(() => void cli.kill('SIGKILL'), 90_000);
      const code = await cli.exited.finally(() => clearTimeout(timeout));
      expect({ code, output: cli.output() }).toEqual({
        code: 0,
        output: expect.stringMatching(/rebuilt 3 lots/),
      });
      expect(sort(await f.rt.reader.snapshotSpaces(f.city.lots))).toEqual(sort(spaces));
      expect(await f.rt.reader.lotCounts(f.city.lots)).toEqual(counts);
    }, 150_000);

    it('rolls a lot whose marker was deleted back to the durable records, leaving other lots alone', async () => {
      const [lotA, lotB] = f.city.lots;
      const inLot = (lot: string) => f.city.sensors.filter((s) => s.lotId === lot).slice(0, 4);
      const events = [...inLot(lotA), ...inLot(lotB)].map((s) => ev(s.sensorId, 10, false));
      await f.rt.service.ingest([msg('G0', { events })]);
      const durable = await f.rt.reader.snapshotSpaces([lotA]);
      const countsA = await f.rt.reader.lotCounts([lotA]);

      // applied to Redis but never recorded in PostgreSQL
      const unrecorded = (lot: string) => inLot(lot).map((s) => item(lot, s, 11, Date.now() - 500));
      await f.rt.writer.applyBatch([...unrecorded(lotA), ...unrecorded(lotB)]);
      const spaceB = await f.rt.reader.getSpace(lotB, inLot(lotB)[0].spaceId);
      expect(spaceB).toMatchObject({ state: 'occupied', seq: 11 });
      expect(await f.rt.reader.lotCounts([lotA])).not.toEqual(countsA);

      const messages: LiveChangeMessage[] = [];
      const unsubscribe = await f.rt.reader.subscribeChanges((m) => messages.push(m));
      try {
        await f.rt.writer.invalidateLots([lotA]);
        const probe = await f.rt.writer.applyBatch(unrecorded(lotA).slice(0, 1));
        expect(probe.notLoaded).toEqual([lotA]);

        expect(await f.rt.rebuilder.rebuild(false)).toBe(1);
        const sort = <T extends { spaceId: string }>(a: T[]) =>
          [...a].sort((x, y) => x.spaceId.localeCompare(y.spaceId));
        expect(sort(await f.rt.reader.snapshotSpaces([lotA]))).toEqual(sort(durable));
        expect(await f.rt.reader.lotCounts([lotA])).toEqual(countsA);
        expect(await f.rt.reader.getSpace(lotB, spaceB!.spaceId)).toEqual(spaceB);
        for (let i = 0; i < 100 && !messages.some((m) => m.reset); i++) {
          await new Promise((r) => setTimeout(r, 10));
        }
        expect(messages.some((m) => m.reset)).toBe(true);
      } finally {
        await unsubscribe();
      }

      // the same uplink again is applied now, on top of the durable record
      const again = await f.rt.writer.applyBatch(unrecorded(lotA).slice(0, 1));
      expect(again.verdicts).toEqual([{ verdict: 'apply', gap: 0 }]);
      expect(again.records[0].ver).toBe(
        durable.find((d) => d.spaceId === again.records[0].spaceId)!.ver + 1,
      );
    });

    it('persists the seen window, so an older repeat stays a duplicate after a rebuild', async () => {
      const s = f.city.sensors.filter((x) => x.lotId === f.city.lots[2]).pop()!; // untouched so far
      const at = (seq: number, ts: number) => ({ ...ev(s.sensorId, seq, true), ts });
      const t = Date.now() - 10_000;
      await f.rt.service.ingest([msg('G0', { events: [at(20, t), at(23, t + 3000)] })]);
      const [late] = await f.rt.service.ingest([msg('G0', at(21, t + 1000))]);
      expect(late).toMatchObject({ late: 1, accepted: 0 });
      const live = await f.rt.reader.getSpace(s.lotId, s.spaceId);
      expect(live).toMatchObject({ seq: 23, seen: 0b110, state: 'occupied', lastTs: t + 3000 });
      const [row] = await f.sql<{ ver: number; record: string }>(
        'SELECT ver::int AS ver, record FROM live_space_record WHERE space_id = $1',
        [s.spaceId],
      );
      expect(row).toEqual({
        ver: live!.ver,
        record: await f.packedRecord(s.lotId, s.spaceId),
      });

      await f.wipeLive();
      await f.rt.rebuilder.rebuild(false);
      expect(await f.rt.reader.getSpace(s.lotId, s.spaceId)).toEqual(live);
      const dup = await f.rt.writer.applyBatch([item(s.lotId, s, 21, t + 2000)]);
      expect(dup.verdicts).toEqual([{ verdict: 'duplicate', gap: 0 }]);
    });
  });
}
