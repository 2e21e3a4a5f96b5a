import fc from 'fast-check';
import { orderEvent, SensorCursor, shiftSeen } from './sensor-order';

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
    const cur: SensorCursor = { sensorId: 'S1', seq: 10, bootTs: 0, seen: 0 };
    expect(orderEvent(cur, ev(10, 500)).verdict).toBe('duplicate');
    expect(orderEvent(cur, ev(9, 500)).verdict).toBe('late');
    expect(orderEvent(cur, ev(14, 500))).toMatchObject({ verdict: 'apply', gap: 3 });
  });

  it('resets on a newer startup and makes the previous boot late', () => {
    const cur: SensorCursor = { sensorId: 'S1', seq: 900, bootTs: 0, seen: 0 };
    const boot = orderEvent(cur, ev(0, 1000, 'startup'));
    expect(boot).toMatchObject({ verdict: 'apply', gap: 0, next: { seq: 0, bootTs: 1000 } });
    expect(orderEvent(boot.next, ev(901, 999)).verdict).toBe('late');
    expect(orderEvent(boot.next, ev(1, 1001)).verdict).toBe('apply');
    expect(orderEvent(boot.next, ev(0, 1000, 'startup')).verdict).toBe('duplicate');
    expect(boot.next.seen).toBe(0);
  });

  it('a replaced sensor on the space starts a new baseline', () => {
    const cur: SensorCursor = { sensorId: 'OLD', seq: 50, bootTs: 0, seen: 0xffffffff };
    expect(orderEvent(cur, ev(1, 10))).toMatchObject({ verdict: 'apply', next: { seen: 0 } });
  });

  it('shifts the window and marks the previous seq when applying', () => {
    expect(shiftSeen(0, 1)).toBe(1);
    expect(shiftSeen(0b101, 3)).toBe(0b101100);
    expect(shiftSeen(0xffffffff, 31)).toBe(0xc0000000);
    expect(shiftSeen(0xffffffff, 32)).toBe(0x80000000);
    expect(shiftSeen(0xffffffff, 33)).toBe(0);
  });

  it('a repeat of an older seq of the boot is a duplicate whatever its ts', () => {
    let cur = orderEvent(undefined, ev(10, 100)).next;
    cur = orderEvent(cur, ev(13, 130)).next; // 11 and 12 lost, 10 seen
    expect(cur.seen).toBe(0b100);
    expect(orderEvent(cur, ev(10, 999)).verdict).toBe('duplicate');
    const late = orderEvent(cur, ev(11, 110));
    expect(late).toMatchObject({ verdict: 'late', next: { seq: 13, seen: 0b110 } });
    expect(orderEvent(late.next, ev(11, 111)).verdict).toBe('duplicate');
    expect(orderEvent(late.next, ev(12, 120)).verdict).toBe('late');
  });

  it('remembers 32 seqs back, across the 2^32 wrap; older ones are late', () => {
    let cur = orderEvent(undefined, ev(2 ** 32 - 20, 100)).next;
    for (let s = 2 ** 32 - 19; s <= 2 ** 32 + 20; s++)
      cur = orderEvent(cur, ev(s % 2 ** 32, 200)).next;
    expect(cur).toMatchObject({ seq: 20, seen: 0xffffffff });
    expect(orderEvent(cur, ev(2 ** 32 - 12, 300)).verdict).toBe('duplicate'); // 32 back
    const old = orderEvent(cur, ev(2 ** 32 - 13, 300)); // 33 back
    expect(old.verdict).toBe('late');
    expect(old.next).toBe(cur);
  });

  it('an event of a previous boot is late and changes nothing', () => {
    const boot = orderEvent({ sensorId: 'S1', seq: 5, bootTs: 0, seen: 0 }, ev(0, 1000, 'startup'));
    const d = orderEvent(boot.next, ev(4, 900));
    expect(d.verdict).toBe('late');
    expect(d.next).toBe(boot.next);
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

  it('in a shuffled boot each seq is taken once, its repeats are duplicates (32 back)', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...Array(40).keys()], { minLength: 1 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 3 }),
        (order, start, copies) => {
          let cur: SensorCursor | undefined;
          let max = -1;
          for (const i of order) {
            const behind = max - i; // > 0: older than the applied seq
            for (let c = 0; c < copies; c++) {
              const want =
                c === 0 ? (behind < 0 ? 'apply' : 'late') : behind > 32 ? 'late' : 'duplicate';
              const d = orderEvent(cur, ev((start + i) % 2 ** 32, 1000 + i));
              if (d.verdict !== want) return false;
              cur = d.next;
            }
            max = Math.max(max, i);
          }
          return true;
        },
      ),
    );
  });
});
