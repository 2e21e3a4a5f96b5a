import { BadParameterError } from '@app/domain';

export type RawQuery = Record<string, unknown>;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
/** RFC 3339 date-time with a mandatory offset. */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;
const TYPE = /^[a-z][a-z0-9_]{0,31}$/;

function single(q: RawQuery, name: string): string | undefined {
  const v = q[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new BadParameterError(name, 'must be given once');
  return v;
}

export function numberParam(
  q: RawQuery,
  name: string,
  opts: { min: number; max: number; def?: number; integer?: boolean; minExclusive?: boolean },
): number {
  const raw = single(q, name);
  if (raw === undefined) {
    if (opts.def === undefined) throw new BadParameterError(name, 'is required');
    return opts.def;
  }
  const ok = (opts.integer ? INTEGER : DECIMAL).test(raw.trim());
  const v = Number(raw);
  if (!ok || !Number.isFinite(v)) {
    throw new BadParameterError(name, `must be ${opts.integer ? 'an integer' : 'a number'}`);
  }
  const low = opts.minExclusive ? v <= opts.min : v < opts.min;
  if (low || v > opts.max) {
    const lowText = opts.minExclusive ? `greater than ${opts.min}` : `at least ${opts.min}`;
    throw new BadParameterError(name, `must be ${lowText} and at most ${opts.max}`);
  }
  return v;
}

export function optionalIntParam(
  q: RawQuery,
  name: string,
  min: number,
  max: number,
): number | null {
  return single(q, name) === undefined ? null : numberParam(q, name, { min, max, integer: true });
}

/** Epoch ms of an RFC 3339 instant, or `def` when absent. */
export function instantParam(q: RawQuery, name: string, def: number): number {
  const raw = single(q, name);
  if (raw === undefined) return def;
  const m = RFC3339.exec(raw);
  const ms = m ? Date.parse(raw.replace(' ', 'T')) : NaN;
  const validParts =
    m !== null &&
    +m[2] >= 1 &&
    +m[2] <= 12 &&
    +m[3] <= new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate() &&
    +m[4] <= 23 &&
    +m[5] <= 59 &&
    +m[6] <= 59 &&
    (m[9] === undefined || (+m[9] <= 23 && +m[10] <= 59));
  if (!validParts || Number.isNaN(ms)) {
    throw new BadParameterError(name, 'must be an RFC 3339 date-time with offset');
  }
  return ms;
}

export function typeParam(q: RawQuery, name: string): string | null {
  const raw = single(q, name);
  if (raw === undefined) return null;
  if (!TYPE.test(raw)) throw new BadParameterError(name, 'must be a lower-case type name');
  return raw;
}
