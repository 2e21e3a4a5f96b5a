import { SEQ_MODULUS } from './sensor-event';

const HALF = SEQ_MODULUS / 2;

/**
 * RFC 1982 serial-number distance on 32 bits: how far `b` is ahead of `a` (0 = same,
 * 1..2^31-1 = ahead, anything else = behind or undefined, which we treat as behind).
 */
export function seqDistance(a: number, b: number): number {
  return (((b - a) % SEQ_MODULUS) + SEQ_MODULUS) % SEQ_MODULUS;
}

/** True when `b` comes after `a` in serial-number order. */
export function seqAfter(a: number, b: number): boolean {
  const d = seqDistance(a, b);
  return d > 0 && d < HALF;
}

/** Uplinks lost between `a` and a following `b` (0 when `b` is not after `a`). */
export function seqGap(a: number, b: number): number {
  return seqAfter(a, b) ? seqDistance(a, b) - 1 : 0;
}
