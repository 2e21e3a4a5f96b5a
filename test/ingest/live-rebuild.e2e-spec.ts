import { join } from 'node:path';
import { startChild } from '../support/child-process';
import { IngestFixture, ingestFixture, msg } from './support/ingest-fixture';
import { deletePrefix } from './support/test-config';

describe('rebuilding the Redis live state from PostgreSQL', () => {
  let f: IngestFixture;
  beforeAll(async () => {
    f = await ingestFixture({ lots: 3, spacesPerLot: 20, gateways: 1 });
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

  it('rebuilds exactly the same live state from PostgreSQL after the keys are gone', async () => {
    const events = [];
    for (let i = 0; i < 50; i++)
      events.push(ev(`S${i}`, 3, i % 3 === 0, i % 7 === 0 ? 3000 : 3600));
    await f.rt.service.ingest([msg('G0', { events })]);
    const spaces = await f.rt.reader.snapshotSpaces(f.city.lots);
    const counts = await f.rt.reader.lotCounts(f.city.lots);
    await deletePrefix(f.prefix);
    expect(await f.rt.reader.snapshotSpaces(f.city.lots)).toEqual([]);
    await f.rt.rebuilder.rebuild(false);
    const sort = <T extends { spaceId: string }>(a: T[]) =>
      [...a].sort((x, y) => x.spaceId.localeCompare(y.spaceId));
    expect(sort(await f.rt.reader.snapshotSpaces(f.city.lots))).toEqual(sort(spaces));
    expect(await f.rt.reader.lotCounts(f.city.lots)).toEqual(counts);

    // the same through `npm run ingest:rebuild`
    await deletePrefix(f.prefix);
    const cli = startChild('npm', ['run', '-s', 'ingest:rebuild'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: f.db.url, REDIS_KEY_PREFIX: f.prefix, NODE_ENV: 'test' },
    });
    await cli.waitFor(/rebuilt 3 lots/, 30000);
    expect(await cli.exited).toBe(0);
    expect(sort(await f.rt.reader.snapshotSpaces(f.city.lots))).toEqual(sort(spaces));
    expect(await f.rt.reader.lotCounts(f.city.lots)).toEqual(counts);
  });
});
