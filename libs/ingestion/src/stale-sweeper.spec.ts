import { StaleSweeper } from './stale-sweeper';
import { Deferred, FAKE_SENSORS, fakeIngest, sensorMessage as msg } from './testing';

const T0 = 1_760_000_000_000;
const STALE = FAKE_SENSORS[0].staleMs;

async function swept(metrics: ReturnType<typeof fakeIngest>['metrics']): Promise<number> {
  return (await metrics.staleSwept.get()).values[0]?.value ?? 0;
}

describe('StaleSweeper', () => {
  it('turns spaces whose sensor went silent past its limit unknown, in their zone', async () => {
    let now = T0;
    const f = fakeIngest(undefined, () => now);
    await f.service.ingest([msg('S1', 1, true, T0), msg('S3', 1, false, T0)]);
    await f.service.ingest([msg('S2', 1, true, T0 + 60_000)]);
    const sweeper = new StaleSweeper(f.live, f.directory, f.metrics, undefined, () => now);

    now = T0 + STALE - 1;
    expect(await sweeper.sweepOnce()).toBe(0);
    now = T0 + STALE;
    expect(await sweeper.sweepOnce()).toBe(2);

    expect(f.live.space('P1')).toMatchObject({ state: 'unknown', since: T0 + STALE });
    expect(f.live.space('P3')).toMatchObject({ state: 'unknown', since: T0 + STALE });
    expect(f.live.space('P2')).toMatchObject({ state: 'occupied' });
    expect(f.live.swept).toEqual([
      { spaceId: 'P1', zoneId: 'Z1' },
      { spaceId: 'P3', zoneId: 'Z2' },
    ]);
    expect(f.live.calls.sweeps.at(-1)).toEqual({ now: T0 + STALE, limit: 5000 });
    expect(await swept(f.metrics)).toBe(2);
  });

  it('a space that reported again before its deadline is not swept', async () => {
    let now = T0;
    const f = fakeIngest(undefined, () => now);
    await f.service.ingest([msg('S1', 1, true, T0)]);
    await f.service.ingest([msg('S1', 2, true, T0 + 1000)]);
    const sweeper = new StaleSweeper(f.live, f.directory, f.metrics, undefined, () => now);
    now = T0 + STALE;
    expect(await sweeper.sweepOnce()).toBe(0);
    now = T0 + 1000 + STALE;
    expect(await sweeper.sweepOnce()).toBe(1);
  });

  it('sweeps in rounds of `limit` until a round is short', async () => {
    const sensors = Array.from({ length: 12 }, (_, i) => ({
      ...FAKE_SENSORS[0],
      sensorId: `S${i}`,
      spaceId: `P${i}`,
    }));
    let now = T0;
    const f = fakeIngest(sensors, () => now);
    await f.service.ingest(sensors.map((s) => msg(s.sensorId, 1, true, T0)));
    const sweeper = new StaleSweeper(f.live, f.directory, f.metrics, undefined, () => now);
    now = T0 + STALE;
    expect(await sweeper.sweepOnce(5)).toBe(12);
    expect(f.live.calls.sweeps.map((s) => s.limit)).toEqual([5, 5, 5]);
    expect(await swept(f.metrics)).toBe(12);
  });

  it('on an interval: one sweep at a time, errors reported, stopped by stop()', async () => {
    jest.useFakeTimers();
    try {
      const f = fakeIngest();
      const errors: unknown[] = [];
      const sweeper = new StaleSweeper(f.live, f.directory, f.metrics, (e) => errors.push(e));
      const hold = new Deferred();
      const sweep = jest
        .spyOn(f.live, 'sweepStale')
        .mockImplementationOnce(() => hold.promise.then(() => 0))
        .mockRejectedValueOnce(new Error('redis away'))
        .mockResolvedValue(0);
      sweeper.start(100);

      await jest.advanceTimersByTimeAsync(350);
      expect(sweep).toHaveBeenCalledTimes(1); // the first sweep still runs: ticks skipped
      hold.resolve();
      await jest.advanceTimersByTimeAsync(100);
      expect(sweep).toHaveBeenCalledTimes(2);
      expect(errors).toEqual([new Error('redis away')]);
      await jest.advanceTimersByTimeAsync(100);
      expect(sweep).toHaveBeenCalledTimes(3);

      sweeper.stop();
      await jest.advanceTimersByTimeAsync(1000);
      expect(sweep).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
