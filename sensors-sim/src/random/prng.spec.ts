import { Prng } from './prng';

describe('Prng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Prng('seed');
    const b = new Prng('seed');
    const c = new Prng('other');
    const xs = Array.from({ length: 100 }, () => a.nextU32());
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.nextU32())).not.toEqual(xs);
    expect(Prng.derive('seed', 'x').next()).not.toBe(Prng.derive('seed', 'y').next());
  });

  it('draws uniform, exponential and lognormal values with the right moments', () => {
    const r = new Prng(42);
    const n = 200_000;
    let sum = 0;
    let expSum = 0;
    const logs: number[] = [];
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (u < 0 || u >= 1) outside++;
      sum += u;
      expSum += r.exponential(3);
      if (i < 20_001) logs.push(r.lognormal(10, 0.5));
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(expSum / n).toBeCloseTo(3, 1);
    expect(logs.sort((a, b) => a - b)[10_000]).toBeCloseTo(10, 0);
  });

  it('keeps integers within inclusive bounds and hits both ends', () => {
    const r = new Prng('int');
    const seen = new Set(Array.from({ length: 1000 }, () => r.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
