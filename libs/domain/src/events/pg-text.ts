/**
 * PostgreSQL text and jsonb refuse U+0000 and unpaired UTF-16 surrogates (a JS string can hold
 * both, e.g. from a JSON `\u0000` or `\ud800` escape): a row carrying one fails its whole batch,
 * on every retry.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const BAD_TEXT = /[\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_TEXT_ALL = new RegExp(BAD_TEXT.source, 'g');

/** Largest `detail` kept on a rejection, in UTF-16 code units. */
export const MAX_DETAIL_CHARS = 200;

/** True when PostgreSQL can store `s` as text (and inside jsonb). */
export function isPgText(s: string): boolean {
  return !BAD_TEXT.test(s);
}

/**
 * `s` cut to `maxChars` code units, with NUL and unpaired surrogates (also one left by the cut)
 * replaced by U+FFFD.
 */
export function pgSafeText(s: string, maxChars = Infinity): string {
  const cut = s.length > maxChars ? s.slice(0, maxChars) : s;
  return BAD_TEXT.test(cut) ? cut.replace(BAD_TEXT_ALL, '\uFFFD') : cut;
}

/** True when PostgreSQL `real` stores `n` without overflow or underflow (NaN and ±∞ refused). */
export function isPgReal(n: number): boolean {
  const a = Math.abs(n);
  return a === 0 || (a >= 1.2e-38 && a <= 3.4e38);
}
