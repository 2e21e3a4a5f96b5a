import fc from 'fast-check';
import { clampCounts } from './lot-counts';
import { lotStatus } from './lot-status';

describe('clampCounts', () => {
  it('keeps every count >= 0 and the sum <= capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 500 }),
        fc.integer({ min: -5, max: 500 }),
        fc.integer({ min: -5, max: 500 }),
        fc.integer({ min: -5, max: 500 }),
        fc.integer({ min: 0, max: 600 }),
        (free, occupied, unknown, reserved, capacity) => {
          const c = clampCounts({ free, occupied, unknown, reserved }, capacity);
          expect(Math.min(c.free, c.occupied, c.unknown, c.reserved)).toBeGreaterThanOrEqual(0);
          expect(c.free + c.occupied + c.unknown + c.reserved).toBeLessThanOrEqual(capacity);
        },
      ),
    );
  });

  it('counts capacity without a sensed space as unknown', () => {
    expect(clampCounts({ free: 2, occupied: 3, unknown: 1, reserved: 0 }, 10)).toEqual({
      free: 2,
      occupied: 3,
      unknown: 5,
      reserved: 0,
    });
  });
});

describe('lotStatus', () => {
  const c = (free: number, occupied: number, reserved = 0) => ({
    free,
    occupied,
    reserved,
    unknown: 100 - free - occupied - reserved,
  });
  it('is closed, full, almost_full or open', () => {
    expect(lotStatus(false, c(50, 50), 100, 0.1)).toBe('closed');
    expect(lotStatus(true, c(0, 100), 100, 0.1)).toBe('full');
    expect(lotStatus(true, c(10, 90), 100, 0.1)).toBe('almost_full');
    expect(lotStatus(true, c(11, 89), 100, 0.1)).toBe('open');
  });

  it('is unknown, never full, when fewer than half of the spaces have a fresh sensor', () => {
    expect(lotStatus(true, c(0, 0), 100, 0.1)).toBe('unknown');
    expect(lotStatus(true, c(1, 0), 100, 0.1)).toBe('unknown');
    expect(lotStatus(true, c(0, 49), 100, 0.1)).toBe('unknown');
    expect(lotStatus(true, c(0, 40, 10), 100, 0.1)).toBe('full');
    expect(lotStatus(true, c(20, 30), 100, 0.1)).toBe('open');
    expect(lotStatus(false, c(0, 0), 100, 0.1)).toBe('closed');
  });
});
