import fc from 'fast-check';
import { DeadlineScheduler } from './deadline-scheduler';

describe('DeadlineScheduler', () => {
  it('fires due keys in deadline order, once, and honours reschedule and cancel', () => {
    let now = 0;
    const fired: string[] = [];
    const s = new DeadlineScheduler(
      (k) => fired.push(k),
      () => now,
    );
    s.schedule('a', 30);
    s.schedule('b', 10);
    s.schedule('c', 20);
    s.schedule('a', 5);
    s.cancel('c');
    now = 25;
    s.runDue();
    expect(fired).toEqual(['a', 'b']);
    now = 100;
    s.runDue();
    expect(fired).toEqual(['a', 'b']);
    s.stop();
  });

  it('pops any set of deadlines sorted (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }), (ats) => {
        let now = 0;
        const fired: number[] = [];
        const s = new DeadlineScheduler(
          (_k, at) => fired.push(at),
          () => now,
        );
        ats.forEach((at, i) => s.schedule(`k${i}`, at));
        now = 1000;
        s.runDue();
        s.stop();
        expect(fired).toEqual([...ats].sort((a, b) => a - b));
      }),
    );
  });

  it('fires on its own timer', async () => {
    const done = new Promise<string>((resolve) => {
      const t = new DeadlineScheduler((k) => resolve(k));
      t.schedule('soon', Date.now() + 20);
    });
    expect(await done).toBe('soon');
  });
});
