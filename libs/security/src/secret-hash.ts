import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Production cost; the simulator may pass cheaper params for thousands of synthetic gateways. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };
const KEY_LEN = 32;

/** Hash a gateway or user secret as `scrypt$N$r$p$<salt b64>$<hash b64>`. */
export function hashSecret(
  secret: string,
  params: ScryptParams = DEFAULT_SCRYPT,
  salt?: Buffer,
): string {
  const s = salt ?? randomBytes(16);
  const hash = scryptSync(secret, s, KEY_LEN, { ...params, maxmem: 256 * params.N * params.r });
  return `scrypt$${params.N}$${params.r}$${params.p}$${s.toString('base64')}$${hash.toString('base64')}`;
}

/** Constant-time check of a secret against a stored hash; false for any malformed hash. */
export function verifySecret(secret: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length === 0) return false;
  const actual = scryptSync(secret, salt, expected.length, { N, r, p, maxmem: 256 * N * r });
  return timingSafeEqual(actual, expected);
}
