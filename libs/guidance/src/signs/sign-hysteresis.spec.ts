import fc from 'fast-check';
import { nextSignLevel, SignLevel } from './sign-hysteresis';

const T = { fullAt: 0, fullClearAt: 3, almostFullAt: 10, almostFullClearAt: 15 };

describe('nextSignLevel', () => {
  it('enters a level at its threshold and leaves it only above the clear threshold', () => {
    const seq = [20, 10, 12, 14, 15, 16, 2, 0, 1, 3, 4, 9, 16];
    const out: SignLevel[] = [];
    let level: SignLevel = 'open';
    for (const free of seq) out.push((level = nextSignLevel(level, free, T)));
    expect(out).toEqual([
      'open',
      'almost_full',
      'almost_full',
      'almost_full',
      'almost_full',
      'open',
      'almost_full',
      'full',
      'full',
      'full',
      'almost_full',
      'almost_full',
      'open',
    ]);
  });

  it('never flaps while the count oscillates between a threshold and its clear threshold', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 10, max: 15 }), { minLength: 1 }), (counts) => {
        let level: SignLevel = 'almost_full';
        for (const c of counts) level = nextSignLevel(level, c, T);
        return level === 'almost_full';
      }),
    );
  });

  it('always shows full at or below fullAt and open well above every threshold', () => {
    fc.assert(
      fc.property(fc.constantFrom<SignLevel>('open', 'almost_full', 'full'), (prev) => {
        expect(nextSignLevel(prev, 0, T)).toBe('full');
        expect(nextSignLevel(prev, 16, T)).toBe('open');
      }),
    );
  });
});
