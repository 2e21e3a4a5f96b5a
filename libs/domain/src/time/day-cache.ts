/**
 * A direct-mapped cache keyed by a day number (slot = day & (size - 1)): a fixed, small memory
 * bound and one array read on the hot path of rule and price evaluation.
 */
export class DayCache<T> {
  private readonly mask: number;
  private readonly days: Float64Array;
  private readonly values: T[];

  /** `size` must be a power of two. */
  constructor(size: number) {
    if (size <= 0 || (size & (size - 1)) !== 0) throw new RangeError('size must be a power of two');
    this.mask = size - 1;
    this.days = new Float64Array(size).fill(Number.NaN);
    this.values = new Array<T>(size);
  }

  /** The cached value of `day`, computing and caching it on a miss. */
  get(day: number, compute: (day: number) => T): T {
    const slot = day & this.mask;
    if (this.days[slot] === day) return this.values[slot];
    const value = compute(day);
    this.days[slot] = day;
    this.values[slot] = value;
    return value;
  }
}
