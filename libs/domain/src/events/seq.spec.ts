import fc from 'fast-check';
import { seqAfter, seqDistance, seqGap } from './seq';

const seq = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe('RFC 1982 serial arithmetic on 32 bits', () => {
  it('orders across the wrap', () => {
    expect(seqAfter(4294967295, 0)).toBe(true);
    expect(seqAfter(0, 4294967295)).toBe(false);
    expect(seqGap(4294967294, 1)).toBe(2);
    expect(seqAfter(5, 5)).toBe(false);
  });

  it('is antisymmetric: exactly one of a<b, b<a, a=b except at distance 2^31', () => {
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const d = seqDistance(a, b);
        if (d === 0) return !seqAfter(a, b) && !seqAfter(b, a);
        if (d === 2 ** 31) return !seqAfter(a, b) && !seqAfter(b, a);
        return seqAfter(a, b) !== seqAfter(b, a);
      }),
    );
  });

  it('a + k (mod 2^32) is after a for 1 <= k < 2^31, with k - 1 lost uplinks', () => {
    fc.assert(
      fc.property(seq, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (a, k) => {
        const b = (a + k) % 2 ** 32;
        return seqAfter(a, b) && seqGap(a, b) === k - 1 && seqDistance(a, b) === k;
      }),
    );
  });
});
