import { orderEvent, SensorCursor } from '@app/domain';
import {
  ApplyItem,
  LiveChange,
  LiveChangeMessage,
  LiveStateWriter,
  LiveStore,
} from '@app/live-store';
import fc from 'fast-check';

/** One live-store adapter under test, on a fresh, empty namespace. */
export interface OrderHarness {
  writer: LiveStateWriter;
  reader: LiveStore;
  /** The space's packed record as stored, null when none. */
  packed(lotId: string, spaceId: string): Promise<string | null>;
  /** Stores a packed record as is (an older version's record). */
  putPacked(lotId: string, spaceId: string, packed: string): Promise<void>;
  /** Resolves once every change message published so far has reached the subscribers. */
  drain(lotId: string): Promise<void>;
  close(): Promise<void>;
}

type Type = 'status' | 'heartbeat' | 'startup';
type Fresh = { seq: number; dt: number; type: Type; occupied: boolean; sensor: string };
/** A copy of the event `back` positions earlier, with the same ts or a new one. */
type Repeat = { back: number; dt: number | null };
/** The previous event's seq + step (in-order runs fill the window; 32 and 33 probe its edge). */
type Step = { step: number; dt: number; occupied: boolean };

const freshArb: fc.Arbitrary<Fresh> = fc.record({
  seq: fc.oneof(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 4294967280, max: 4294967295 })),
  dt: fc.integer({ min: -5, max: 20 }),
  type: fc.constantFrom<Type>('status', 'status', 'heartbeat', 'startup'),
  occupied: fc.boolean(),
  sensor: fc.constantFrom('S', 'S', 'S', 'S', 'T'),
});
const repeatArb: fc.Arbitrary<Repeat> = fc.record({
  back: fc.integer({ min: 0, max: 40 }),
  dt: fc.option(fc.integer({ min: -5, max: 20 })),
});
const stepArb: fc.Arbitrary<Step> = fc.record({
  step: fc.oneof(fc.constantFrom(1, 1, 1, 2, 31, 32, 33), fc.integer({ min: -3, max: 40 })),
  dt: fc.integer({ min: 0, max: 3 }),
  occupied: fc.boolean(),
});
const opArb = fc.oneof(
  { weight: 2, arbitrary: freshArb },
  { weight: 2, arbitrary: repeatArb },
  { weight: 3, arbitrary: stepArb },
) as fc.Arbitrary<Fresh | Repeat | Step>;

/**
 * The live-store contract on ordering: an adapter's apply orders events exactly like
 * orderEvent() (libs/domain), keeps the record, counts and change messages in step. Run against
 * every adapter (Redis Lua scripts, memory).
 */
export function describeOrderContract(adapter: string, open: () => Promise<OrderHarness>): void {
  describe(`${adapter}: the apply orders events exactly like orderEvent()`, () => {
    let h: OrderHarness;
    let writer: LiveStateWriter;
    let reader: LiveStore;
    let unsubscribe: (() => Promise<void>) | undefined;
    const published = new Map<string, LiveChange[]>();
    let run = 0;

    beforeAll(async () => {
      h = await open();
      writer = h.writer;
      reader = h.reader;
      unsubscribe = await reader.subscribeChanges((m: LiveChangeMessage) => {
        for (const c of m.changes ?? [])
          published.set(c.lotId, [...(published.get(c.lotId) ?? []), c]);
      });
    });
    afterAll(async () => {
      await unsubscribe?.();
      await h?.close();
    });

    /** Resolves once every change published on the lot so far has been received. */
    async function drained(lotId: string): Promise<LiveChange[]> {
      await h.drain(lotId);
      return published.get(lotId) ?? [];
    }

    const item = (lotId: string, e: Omit<Fresh, 'dt'> & { ts: number }): ApplyItem => ({
      lotId,
      zoneId: 'Z',
      spaceId: 'P',
      sensorId: e.sensor,
      seq: e.seq,
      type: e.type,
      occupied: e.occupied,
      ts: e.ts,
      receivedAt: Date.now(),
      lowBatteryMv: null,
      staleMs: 600_000,
    });

    it('agrees on verdicts, gaps and the resulting record for streams with repeats, boots and wraps', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(opArb, { minLength: 1, maxLength: 60 }),
          fc.integer({ min: 1, max: 6 }),
          async (ops, chunk) => {
            const lotId = `lot${run++}`;
            await writer.rebuildLots(
              [{ lotId, zoneId: 'Z', spaces: [{ spaceId: 'P' }] }],
              0,
              false,
            );
            let ts = Date.now() - 100_000;
            const items: ApplyItem[] = [];
            for (const op of ops) {
              const last = items[items.length - 1];
              if ('seq' in op || !last) {
                const e =
                  'seq' in op
                    ? op
                    : { seq: 0, type: 'status' as const, occupied: true, sensor: 'S' };
                ts += ('seq' in op ? op.dt : 0) * 1000;
                items.push(item(lotId, { ...e, ts }));
              } else if ('step' in op) {
                ts += op.dt * 1000;
                const seq = (last.seq + op.step + 2 ** 32) % 2 ** 32;
                items.push({ ...last, seq, type: 'status', occupied: op.occupied, ts });
              } else {
                const orig = items[Math.max(0, items.length - 1 - op.back)];
                if (op.dt !== null) ts += op.dt * 1000;
                items.push({ ...orig, ts: op.dt === null ? orig.ts : ts });
              }
            }
            let cur: SensorCursor | undefined;
            let lost = 0;
            let ver = 0;
            let lastApplied: ApplyItem | undefined;
            const want = items.map((it) => {
              const d = orderEvent(cur, it);
              if (cur?.sensorId !== it.sensorId) lost = 0;
              if (d.next !== cur) ver++;
              cur = d.next;
              lost += d.gap;
              if (d.verdict === 'apply') lastApplied = it;
              return { verdict: d.verdict, gap: d.gap };
            });
            const got = [];
            for (let i = 0; i < items.length; i += chunk) {
              got.push(...(await writer.applyBatch(items.slice(i, i + chunk))).verdicts);
            }
            expect(got).toEqual(want);
            const space = await reader.getSpace(lotId, 'P');
            expect(space).toMatchObject({
              sensorId: cur!.sensorId,
              seq: cur!.seq,
              bootTs: cur!.bootTs,
              seen: cur!.seen,
              lost,
              ver,
              state: lastApplied!.occupied ? 'occupied' : 'free',
              lastTs: lastApplied!.ts,
            });
            const [c] = await reader.lotCounts([lotId]);
            expect(c.free + c.occupied + c.unknown).toBe(1);
            // one change per call that applied something to the space, none for late or duplicates
            let calls = 0;
            for (let i = 0; i < want.length; i += chunk) {
              if (want.slice(i, i + chunk).some((w) => w.verdict === 'apply')) calls++;
            }
            expect((await drained(lotId)).length).toBe(calls);
          },
        ),
        { numRuns: 100 },
      );
    });

    it('a late event inside the window stores and returns the record, publishes and counts nothing', async () => {
      const lotId = 'late-window';
      await writer.rebuildLots([{ lotId, zoneId: 'Z', spaces: [{ spaceId: 'P' }] }], 0, false);
      const base = Date.now() - 60_000;
      const ev = (seq: number, occupied: boolean, ts: number) =>
        item(lotId, { seq, type: 'status', occupied, sensor: 'S', ts });
      await writer.applyBatch([ev(10, true, base), ev(13, true, base + 3000)]);
      const before = await reader.getSpace(lotId, 'P');
      const counts = await reader.lotCounts([lotId]);
      const n = (await drained(lotId)).length;

      const late = await writer.applyBatch([ev(11, false, base + 1000)]);
      expect(late.verdicts).toEqual([{ verdict: 'late', gap: 0 }]);
      const after = await reader.getSpace(lotId, 'P');
      expect(after).toEqual({ ...before, seen: 0b110, ver: before!.ver + 1 });
      expect(late.records).toEqual([
        expect.objectContaining({
          spaceId: 'P',
          ver: after!.ver,
          packed: await h.packed(lotId, 'P'),
        }),
      ]);
      expect(await reader.lotCounts([lotId])).toEqual(counts);
      expect((await drained(lotId)).length).toBe(n);

      const again = await writer.applyBatch([
        ev(11, false, base + 5000),
        ev(10, false, base + 7000),
      ]);
      expect(again.verdicts.map((v) => v.verdict)).toEqual(['duplicate', 'duplicate']);
      expect(await reader.getSpace(lotId, 'P')).toEqual(after);
    });

    it('reads records without the seen field (older versions) as an empty window', async () => {
      const lotId = 'old-record';
      await writer.rebuildLots([{ lotId, zoneId: 'Z', spaces: [{ spaceId: 'P' }] }], 0, false);
      const t = Date.now() - 60_000;
      await h.putPacked(lotId, 'P', `o|${t}|${t}|20|0|${t}|1|-1|0|S|4|0|600000`);
      expect(await reader.getSpace(lotId, 'P')).toMatchObject({ seq: 20, seen: 0, ver: 4 });
      const ev = (seq: number, ts: number) =>
        item(lotId, { seq, type: 'status', occupied: true, sensor: 'S', ts });
      const out = await writer.applyBatch([
        ev(18, t + 1),
        ev(18, t + 2),
        ev(21, t + 3),
        ev(20, t + 4),
      ]);
      expect(out.verdicts.map((v) => v.verdict)).toEqual([
        'late',
        'duplicate',
        'apply',
        'duplicate',
      ]);
      const packed = (await h.packed(lotId, 'P'))!;
      expect(packed.split('|')).toHaveLength(14);
      expect(await reader.getSpace(lotId, 'P')).toMatchObject({ seq: 21, seen: 0b101, ver: 6 });
    });
  });
}
