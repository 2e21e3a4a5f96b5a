import { isPgReal, isPgText, MAX_DETAIL_CHARS, pgSafeText } from './pg-text';

describe('PostgreSQL-storable text and real', () => {
  it('refuses NUL and unpaired surrogates, accepts surrogate pairs', () => {
    expect(isPgText('plain é 😀')).toBe(true);
    expect(isPgText('a\u0000b')).toBe(false);
    expect(isPgText('a\uD800')).toBe(false);
    expect(isPgText('\uD800a')).toBe(false);
    expect(isPgText('a\uDC00')).toBe(false);
    expect(isPgText('\uDE00\uD83D')).toBe(false);
  });

  it('replaces bad characters with U+FFFD and caps the length without splitting a pair badly', () => {
    expect(pgSafeText('a\u0000b\uD800c\uDC00')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(pgSafeText('😀😀', 3)).toBe('😀\uFFFD');
    expect(pgSafeText('x'.repeat(500), MAX_DETAIL_CHARS)).toHaveLength(200);
    const same = 'nothing to do 😀';
    expect(pgSafeText(same)).toBe(same);
  });

  it('tells which numbers fit a real', () => {
    for (const n of [0, -0, 1.2e-38, -1.2e-38, 3.4e38, -3.4e38, -127.5, 42]) {
      expect(isPgReal(n)).toBe(true);
    }
    for (const n of [NaN, Infinity, -Infinity, 3.5e38, -3.5e38, 1e-39, -1e-39, 5e-324]) {
      expect(isPgReal(n)).toBe(false);
    }
  });
});
