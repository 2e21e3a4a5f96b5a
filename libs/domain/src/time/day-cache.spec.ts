import { DayCache } from './day-cache';

describe('DayCache', () => {
  it('computes a day once while it stays in its slot, again after eviction', () => {
    const cache = new DayCache<string>(4);
    const calls: number[] = [];
    const compute = (d: number) => (calls.push(d), `v${d}`);
    expect(cache.get(1, compute)).toBe('v1');
    expect(cache.get(1, compute)).toBe('v1');
    expect(cache.get(5, compute)).toBe('v5'); // same slot as 1
    expect(cache.get(1, compute)).toBe('v1');
    expect(calls).toEqual([1, 5, 1]);
  });

  it('tells a negative day from the positive day sharing its slot', () => {
    const cache = new DayCache<number>(8);
    expect(cache.get(-3, (d) => d * 10)).toBe(-30); // slot 5
    expect(cache.get(6, (d) => d * 10)).toBe(60); // slot 6
    expect(cache.get(-3, () => NaN)).toBe(-30);
    expect(cache.get(5, (d) => d * 10)).toBe(50); // slot 5: evicts -3
    expect(cache.get(-3, (d) => d * 100)).toBe(-300);
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => new DayCache(6)).toThrow(RangeError);
  });
});
