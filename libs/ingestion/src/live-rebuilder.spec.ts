import type { LiveSpace } from '@app/live-store';
import { withLiveness } from './live-rebuilder';
import { Deferred, fakeIngest, sensorMessage as msg } from './testing';

const T0 = 1_760_000_000_000;
const STALE = 600_000;

function record(spaceId: string, lotId: string, over: Partial<LiveSpace> = {}): LiveSpace {
  return {
    spaceId,
    lotId,
    state: 'occupied',
    since: T0,
    lastSeen: T0,
    seq: 7,
    bootTs: 0,
    lastTs: T0,
    occupied: true,
    batteryMv: null,
    batteryLow: false,
    sensorId: 'S?',
    ver: 3,
    lost: 0,
    staleMs: STALE,
    ...over,
  };
}

/** Durable records for P1 (L1) and P3 (L2); the clock stands still at `now`. */
function setup(now = T0 + 1000) {
  const f = fakeIngest(undefined, () => now);
  f.log.states.set('P1', record('P1', 'L1', { sensorId: 'S1' }));
  f.log.states.set('P3', record('P3', 'L2', { sensorId: 'S3', ver: 9 }));
  return f;
}

describe('withLiveness', () => {
  it('keeps a record whose sensor is within its limit as it is', () => {
    const r = record('P1', 'L1');
    expect(withLiveness(r, T0 + STALE - 1)).toBe(r);
  });

  it('turns a record silent past its limit unknown since its deadline', () => {
    const r = record('P1', 'L1');
    expect(withLiveness(r, T0 + STALE)).toEqual({ ...r, state: 'unknown', since: T0 + STALE });
  });

  it('leaves an unknown record alone (its since is when it turned unknown)', () => {
    const r = record('P1', 'L1', { state: 'unknown', since: T0 + 5 });
    expect(withLiveness(r, T0 + 10 * STALE)).toBe(r);
  });
});

describe('LiveRebuilder', () => {
  it('unforced: loads only lots without a marker, from the durable records', async () => {
    const { live, rebuilder } = setup();
    expect(await rebuilder.rebuild()).toBe(2);
    expect(live.space('P1')).toMatchObject({ seq: 7, ver: 3 });
    expect(live.space('P2')).toBeUndefined();
    expect(live.calls.resets).toBe(1);
    const l1 = live.marker('L1');
    await live.invalidateLots(['L2']);

    expect(await rebuilder.rebuild()).toBe(1);
    expect(live.marker('L1')).toBe(l1);
    expect(live.calls.resets).toBe(2);
    expect(await rebuilder.rebuild()).toBe(0);
    expect(live.calls.resets).toBe(2);
  });

  it('forced: replaces loaded lots too, dropping live state the history does not have', async () => {
    const { live, rebuilder, service } = setup();
    await service.ingest([msg('S1', 8, false, T0)]);
    await live.applyBatch([{ ...(await service.apply([msg('S2', 1, true, T0)])).items[0] }]);
    expect(live.space('P2')).toBeDefined();

    expect(await rebuilder.rebuild(true)).toBe(2);
    expect(live.space('P1')).toMatchObject({ seq: 8, occupied: false });
    expect(live.space('P2')).toBeUndefined();
    expect(live.calls.rebuilds.at(-1)).toEqual({ lots: ['L1', 'L2'], force: true });
  });

  it('rebuilds with liveness at its clock: a record silent past its limit loads unknown', async () => {
    const { live, rebuilder } = setup(T0 + STALE + 5);
    await rebuilder.rebuild();
    expect(live.space('P1')).toMatchObject({ state: 'unknown', since: T0 + STALE });
    expect(live.deadline('P1')).toBeUndefined();
  });

  it('ignores a durable record of a space that moved to another lot', async () => {
    const { live, log, rebuilder } = setup();
    log.states.set('P2', record('P2', 'L9', { sensorId: 'S2' }));
    await rebuilder.rebuild();
    expect(live.space('P2')).toBeUndefined();
  });

  it('reload: loads only the given lots, and only if they lost their marker', async () => {
    const { live, log, rebuilder } = setup();
    await rebuilder.rebuild();
    const resets = live.calls.resets;
    const l1 = live.marker('L1');

    expect(await rebuilder.reload(['L1'])).toBe(0);
    expect(live.marker('L1')).toBe(l1);
    await live.invalidateLots(['L1', 'L2']);
    expect(await rebuilder.reload(['L1'])).toBe(1);
    expect(log.loadCalls.at(-1)).toEqual(['L1']);
    expect(live.marker('L1')).toBeDefined();
    expect(live.marker('L2')).toBeUndefined();
    expect(live.calls.resets).toBe(resets + 1);

    const loads = log.loadCalls.length;
    expect(await rebuilder.reload([])).toBe(0);
    expect(log.loadCalls.length).toBe(loads);
  });

  it('refresh: reloads loaded lots keeping newer live records, without a reset', async () => {
    const { live, rebuilder, service } = setup();
    await rebuilder.rebuild();
    await live.applyBatch((await service.apply([msg('S3', 8, false, T0)])).items);
    const resets = live.calls.resets;
    expect(await rebuilder.refresh(['L2'])).toBe(1);
    expect(live.space('P3')).toMatchObject({ seq: 8, ver: 10 });
    expect(live.calls.resets).toBe(resets);
    expect(live.calls.rebuilds.at(-1)).toEqual({ lots: ['L2'], force: 'refresh' });
  });

  it('concurrent unforced calls share one run', async () => {
    const { live, log, rebuilder } = setup();
    const hold = new Deferred();
    log.beforeLoad = () => hold.promise;
    const a = rebuilder.rebuild();
    const b = rebuilder.rebuild();
    expect(b).toBe(a);
    hold.resolve();
    expect(await Promise.all([a, b])).toEqual([2, 2]);
    expect(log.loadCalls).toHaveLength(1);
    expect(live.calls.rebuilds).toHaveLength(1);
  });

  it('a forced call waits for a running unforced one, then runs forced', async () => {
    const { live, log, rebuilder } = setup();
    const hold = new Deferred();
    log.beforeLoad = () => hold.promise;
    const unforced = rebuilder.rebuild();
    const forced = rebuilder.rebuild(true);
    await new Promise((r) => setImmediate(r));
    expect(log.loadCalls).toHaveLength(1);
    expect(live.calls.rebuilds).toHaveLength(0);
    hold.resolve();
    expect(await unforced).toBe(2);
    expect(await forced).toBe(2);
    expect(live.calls.rebuilds.map((r) => r.force)).toEqual([false, true]);
  });

  it('a forced call still runs when the unforced one it waited for failed', async () => {
    const { live, log, rebuilder } = setup();
    const hold = new Deferred();
    log.beforeLoad = () => {
      log.beforeLoad = undefined;
      return hold.promise;
    };
    const unforced = rebuilder.rebuild();
    const forced = rebuilder.rebuild(true);
    hold.reject(new Error('pg away'));
    await expect(unforced).rejects.toThrow('pg away');
    expect(await forced).toBe(2);
    expect(live.calls.rebuilds.map((r) => r.force)).toEqual([true]);
  });

  it('an unforced call during a forced run shares it', async () => {
    const { log, rebuilder } = setup();
    const hold = new Deferred();
    log.beforeLoad = () => hold.promise;
    const forced = rebuilder.rebuild(true);
    expect(rebuilder.rebuild()).toBe(forced);
    hold.resolve();
    await forced;
    expect(log.loadCalls).toHaveLength(1);
  });
});
