import { MAX_MESSAGE_BYTES } from './sensor-event';
import { isPgText } from './pg-text';

/** Deepest level an unknown field's content may reach below the event (`event.a` is level 1). */
export const MAX_EXTRA_DEPTH = 8;
/** Longest JSON text of an event's unknown fields, in UTF-8 bytes. */
export const MAX_EXTRA_BYTES = 4096;

export interface ExtraProblem {
  reason: 'invalid_text' | 'extra_too_large';
  detail: string;
}

const BAD_TEXT: ExtraProblem = {
  reason: 'invalid_text',
  detail: 'an unknown field holds U+0000 or an unpaired surrogate',
};
const TOO_DEEP: ExtraProblem = {
  reason: 'extra_too_large',
  detail: `unknown fields nest deeper than ${MAX_EXTRA_DEPTH} levels`,
};
const TOO_BIG: ExtraProblem = {
  reason: 'extra_too_large',
  detail: `unknown fields exceed ${MAX_EXTRA_BYTES} bytes of JSON`,
};

/** UTF-8 length of well-formed text (a surrogate pair is 4 bytes). */
function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      n += 2;
      i++;
    } else if (c >= 0x800) n += 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

/**
 * Checks an event's unknown fields without recursion (a JSON payload can nest 100,000 levels):
 * first every key and string at any depth must be storable text, then the depth and JSON size
 * must stay within the limits. Each JSON node costs at least one byte of the message, so more
 * nodes than message bytes can only be a cyclic object handed in by code, never a payload.
 */
export function checkExtra(extra: Record<string, unknown>): ExtraProblem | undefined {
  const values: unknown[] = [extra];
  const depths: number[] = [0];
  let tooDeep = false;
  let visited = 0;
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() as number;
    if (++visited > MAX_MESSAGE_BYTES) return TOO_BIG;
    if (typeof v === 'string') {
      if (!isPgText(v)) return BAD_TEXT;
    } else if (typeof v === 'object' && v !== null) {
      if (Array.isArray(v)) {
        if (v.length > 0 && depth >= MAX_EXTRA_DEPTH) tooDeep = true;
        for (let i = v.length - 1; i >= 0; i--) {
          values.push(v[i]);
          depths.push(depth + 1);
        }
      } else {
        const o = v as Record<string, unknown>;
        for (const k of Object.keys(o)) {
          if (!isPgText(k)) return BAD_TEXT;
          if (depth >= MAX_EXTRA_DEPTH) tooDeep = true;
          values.push(o[k]);
          depths.push(depth + 1);
        }
      }
    }
  }
  if (tooDeep) return TOO_DEEP;
  const json = JSON.stringify(extra);
  if (json.length > MAX_EXTRA_BYTES) return TOO_BIG;
  return json.length * 3 > MAX_EXTRA_BYTES && utf8Bytes(json) > MAX_EXTRA_BYTES
    ? TOO_BIG
    : undefined;
}
