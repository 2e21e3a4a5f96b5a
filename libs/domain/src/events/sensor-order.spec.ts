import fc from 'fast-check';
import { orderEvent, SensorCursor } from './sensor-order';

const ev = (seq: number, ts: number, type: 'status' | 'heartbeat' | 'startup' = 'status') => ({
  sensorId: 'S1',
  seq,
  ts,
  type,
});

describe('orderEvent (seq ordering, startup baseline)', () => {
  it('applies the first event of a sensor', () => {
    expect(orderEvent(undefined, ev(7, 100)).verdict).toBe('apply');
  });

  it('detects duplicates, late events and gaps', () => {
    const cur: SensorCursor = { sensorId: 'S1', seq: 10, bootTs: 0 };
    expect(orderEvent(cur, ev(10, 500)).verdict).toBe('duplicate');
    expect(orderEvent(cur, ev(9, 500)).verdict).toBe('late');
    expect(orderEvent(cur, ev(14, 500))).toMatchObject({ verdict: 'apply', gap: 3 });
  });

  it('resets on a newer startup and makes the previous boot late', () => {
    const cur: SensorCursor = { sensorId: 'S1', seq: 900, bootTs: 0 };
    const boot = orderEvent(cur, ev(0, 1000, 'startup'));
    expect(boot).toMatchObject({ verdict: 'apply', gap: 0, next: { seq: 0, bootTs: 1000 } });
    expect(orderEvent(boot.next, ev(901, 999)).verdict).toBe('late');
    expect(orderEvent(boot.next, ev(1, 1001)).verdict).toBe('apply');
    expect(orderEvent(boot.next, ev(0, 1000, 'startup')).verdict).toBe('duplicate');
  });

  it('a replaced sensor on the space starts a new baseline', () => {
    const cur: SensorCursor = { sensorId: 'OLD', seq: 50, bootTs: 0 };
    expect(orderEvent(cur, ev(1, 10)).verdict).toBe('apply');
  });

  it('never moves the cursor backwards within a boot, whatever the arrival order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1 }), (seqs) => {
        let cur: SensorCursor | undefined;
        for (const s of seqs) {
          const d = orderEvent(cur, ev(s, 1000 + s));
          if (cur && d.verdict === 'apply' && d.next.seq <= cur.seq) return false;
          cur = d.next;
        }
        return true;
      }),
    );
  });

  it('applies every seq of an in-order stream exactly once, even when repeated', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, start) => {
          let cur: SensorCursor | undefined;
          let applied = 0;
          for (let i = 0; i < n; i++) {
            const s = (start + i) % 2 ** 32;
            for (const _ of [0, 1]) {
              const d = orderEvent(cur, ev(s, 1000 + i));
              if (d.verdict === 'apply') applied++;
              cur = d.next;
            }
          }
          return applied === n;
        },
      ),
    );
  });
});
