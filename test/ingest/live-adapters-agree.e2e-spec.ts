/** @needs redis (test/support/services.js) */
import {
  ApplyItem,
  ApplyOutcome,
  createLiveRedis,
  LiveChangeMessage,
  LiveSpace,
  LiveStateWriter,
  LiveStore,
  MemoryLiveState,
  RedisLiveStore,
  RedisLiveWriter,
} from '@app/live-store';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { deletePrefix } from './support/test-config';
import { redisUrl } from '../support/test-services';

/**
 * The memory adapter against the Redis one (its Lua scripts), on the same random sequences of
 * every write operation: applies (several lots and spaces, swaps, boots, wraps, batteries),
 * rebuilds in the three modes, invalidations, settles and stale sweeps. Outcomes, records,
 * counts and the change messages must be identical (rebuild epochs aside, which are random).
 */
type Op =
  | { kind: 'apply'; events: Ev[] }
  | { kind: 'rebuild'; lots: number[]; mode: 0 | 1 | 2; drop: number; keep: boolean }
  | { kind: 'invalidate'; lots: number[] }
  | { kind: 'sweep'; dt: number; limit: number }
  | { kind: 'settle' };
type Ev = {
  lot: number;
  space: number;
  sensor: number;
  step: number;
  type: 'status' | 'heartbeat' | 'startup';
  occupied: boolean;
  dt: number;
  bat: number | null;
  low: number | null;
  rcvBack: number;
};

const LOTS = ['A', 'B', 'C'];
const SPACES = 4;

const evArb: fc.Arbitrary<Ev> = fc.record({
  lot: fc.integer({ min: 0, max: 2 }),
  space: fc.integer({ min: 0, max: SPACES - 1 }),
  sensor: fc.constantFrom(0, 0, 0, 1),
  step: fc.oneof(
    fc.constantFrom(1, 1, 0, 2, 32, 33, -1, -31, 2 ** 31),
    fc.integer({ min: -40, max: 40 }),
  ),
  type: fc.constantFrom(
    'status' as const,
    'status' as const,
    'heartbeat' as const,
    'startup' as const,
  ),
  occupied: fc.boolean(),
  dt: fc.integer({ min: -3, max: 20 }),
  bat: fc.option(fc.integer({ min: 2800, max: 3700 })),
  low: fc.option(fc.constant(3000)),
  rcvBack: fc.constantFrom(0, 0, 0, 5000),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      events: fc.array(evArb, { minLength: 1, maxLength: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rebuild' as const),
      lots: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
      mode: fc.constantFrom(0 as const, 1 as const, 2 as const),
      drop: fc.integer({ min: 0, max: SPACES - 1 }),
      keep: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('invalidate' as const),
      lots: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('sweep' as const),
      dt: fc.integer({ min: 0, max: 120 }),
      limit: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
);

interface Side {
  writer: LiveStateWriter;
  reader: LiveStore;
  messages: LiveChangeMessage[];
  drain(): Promise<void>;
}

describe('the memory adapter behaves exactly like the Redis adapter', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  /** A Redis side on its own prefix (its own deadlines and channel). */
  async function redisSide(): Promise<Side> {
    const prefix = `t:${randomBytes(4).toString('hex')}:`;
    const redis = createLiveRedis({ url: redisUrl(), keyPrefix: prefix }, { offlineQueue: true });
    const messages: LiveChangeMessage[] = [];
    const marks = new Set<string>();
    const reader = new RedisLiveStore(redis);
    const stop = await reader.subscribeChanges((m: LiveChangeMessage & { mark?: string }) => {
      if (m.mark) marks.add(m.mark);
      else messages.push(m);
    });
    cleanups.push(async () => {
      await stop();
      await deletePrefix(prefix);
      redis.disconnect();
    });
    let n = 0;
    return {
      writer: new RedisLiveWriter(redis),
      reader,
      messages,
      drain: async () => {
        const mark = `m${n++}`;
        await redis.publish(`${prefix}live:changes`, JSON.stringify({ v: 1, mark }));
        for (let i = 0; i < 300 && !marks.has(mark); i++)
          await new Promise((r) => setTimeout(r, 5));
        expect(marks.has(mark)).toBe(true);
      },
    };
  }

  async function memorySide(): Promise<Side> {
    const state = new MemoryLiveState();
    const messages: LiveChangeMessage[] = [];
    await state.subscribeChanges((m) => messages.push(m));
    return { writer: state, reader: state, messages, drain: () => state.flushChanges() };
  }

  let runs = 0;
  it('agrees on every outcome, record, count and change message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const run = `r${runs++}`;
        const lotIds = LOTS.map((l) => `${run}${l}`);
        const spaceIds = (lot: number) => [...Array(SPACES)].map((_, i) => `${lotIds[lot]}-P${i}`);
        const [r, m] = [await redisSide(), await memorySide()];
        const base = Date.now() - 200_000;
        let now = base;
        const seqs = new Map<string, number>();
        const pending = { r: [] as ApplyOutcome['records'], m: [] as ApplyOutcome['records'] };
        // every lot starts loaded and empty
        const empty = (lot: number) => ({
          lotId: lotIds[lot],
          zoneId: 'Z',
          spaces: spaceIds(lot).map((spaceId) => ({ spaceId })),
        });
        expect(await r.writer.rebuildLots([0, 1, 2].map(empty), base, false)).toBe(
          await m.writer.rebuildLots([0, 1, 2].map(empty), base, false),
        );
        for (const op of ops) {
          if (op.kind === 'apply') {
            const items: ApplyItem[] = op.events.map((e) => {
              now += e.dt * 1000;
              const spaceId = spaceIds(e.lot)[e.space];
              const key = `${spaceId}/${e.sensor}`;
              const seq = ((seqs.get(key) ?? 4294967290) + e.step + 2 ** 32) % 2 ** 32;
              seqs.set(key, seq);
              return {
                lotId: lotIds[e.lot],
                zoneId: 'Z',
                spaceId,
                sensorId: `${spaceId}-S${e.sensor}`,
                seq,
                type: e.type,
                occupied: e.occupied,
                ts: now,
                receivedAt: now + 100 - e.rcvBack,
                batteryMv: e.bat ?? undefined,
                lowBatteryMv: e.low,
                staleMs: 30_000,
              };
            });
            const [a, b] = [await r.writer.applyBatch(items), await m.writer.applyBatch(items)];
            expect(b.verdicts).toEqual(a.verdicts);
            expect(b.records).toEqual(a.records);
            expect(b.notLoaded).toEqual(a.notLoaded);
            expect([...b.epochs.keys()]).toEqual([...a.epochs.keys()]);
            pending.r.push(...a.records);
            pending.m.push(...b.records);
          } else if (op.kind === 'rebuild') {
            // the durable copy: what the snapshot holds now, one space dropped or kept
            const snap = await r.reader.snapshotSpaces(op.lots.map((l) => lotIds[l]));
            const lots = op.lots.map((l) => ({
              lotId: lotIds[l],
              zoneId: 'Z',
              spaces: spaceIds(l)
                .filter((_, i) => op.keep || i !== op.drop)
                .map((spaceId) => ({
                  spaceId,
                  record: snap.find((s) => s.spaceId === spaceId) as LiveSpace | undefined,
                })),
            }));
            const force = op.mode === 0 ? false : op.mode === 1 ? true : ('refresh' as const);
            expect(await m.writer.rebuildLots(lots, now, force)).toBe(
              await r.writer.rebuildLots(lots, now, force),
            );
          } else if (op.kind === 'invalidate') {
            await r.writer.invalidateLots(op.lots.map((l) => lotIds[l]));
            await m.writer.invalidateLots(op.lots.map((l) => lotIds[l]));
          } else if (op.kind === 'settle') {
            const a = await r.writer.settle(pending.r, lotIds);
            const b = await m.writer.settle(pending.m, lotIds);
            expect([...b.keys()]).toEqual([...a.keys()]);
            expect([...b.values()].map((e) => e === '')).toEqual(
              [...a.values()].map((e) => e === ''),
            );
            pending.r = [];
            pending.m = [];
          } else {
            now += op.dt * 1000;
            const zoneOf = (l: string) => (l === lotIds[2] ? undefined : 'Z');
            expect(await m.writer.sweepStale(now, op.limit, zoneOf)).toBe(
              await r.writer.sweepStale(now, op.limit, zoneOf),
            );
          }
        }
        const sort = (a: LiveSpace[]) => [...a].sort((x, y) => x.spaceId.localeCompare(y.spaceId));
        expect(sort(await m.reader.snapshotSpaces(lotIds))).toEqual(
          sort(await r.reader.snapshotSpaces(lotIds)),
        );
        expect(await m.reader.lotCounts(lotIds)).toEqual(await r.reader.lotCounts(lotIds));
        await r.drain();
        await m.drain();
        expect(m.messages).toEqual(r.messages);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
