import { FailureCause, StoreRefusedError, StoreUnavailableError } from '@app/ingestion';

/**
 * SQLSTATE classes where the data itself is refused: retrying the same rows fails the same way.
 * 22 data exception (bad text, out of range), 23 integrity constraint, 54 program limit exceeded
 * (stack depth, too many columns), 42804/42P18 datatype mismatch. Everything else (08 connection,
 * 40 serialisation/deadlock, 53 resources, 57 operator intervention, 58 system, XX internal, a
 * missing table during a migration) is treated as transient.
 */
const REFUSED_CLASSES = new Set(['22', '23', '54']);
const REFUSED_CODES = new Set(['42804', '42P18']);

function transientCause(code: string | undefined, err: unknown): FailureCause {
  const cls = code?.slice(0, 2);
  if (cls === '08' || cls === '57') return code === '57014' ? 'timeout' : 'unavailable';
  if (cls === '40') return 'conflict';
  if (cls === '53') return 'resources';
  const msg = err instanceof Error ? err.message : String(err);
  if (/timeout/i.test(msg)) return 'timeout';
  if (!code) return 'unavailable';
  return 'other';
}

/** Maps an error from node-postgres (or from encoding the rows) to the use case's error kinds. */
export function classifyPgError(err: unknown): StoreRefusedError | StoreUnavailableError {
  if (err instanceof StoreRefusedError || err instanceof StoreUnavailableError) return err;
  const code = (err as { code?: unknown })?.code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  const msg = err instanceof Error ? err.message : String(err);
  if (sqlState && (REFUSED_CLASSES.has(sqlState.slice(0, 2)) || REFUSED_CODES.has(sqlState))) {
    return new StoreRefusedError(`${sqlState}: ${msg}`.slice(0, 300));
  }
  // our own encoding failed before anything was sent (e.g. a structure too deep to serialise)
  if (err instanceof RangeError || err instanceof TypeError) {
    return new StoreRefusedError(`encode: ${msg}`.slice(0, 300));
  }
  return new StoreUnavailableError(transientCause(sqlState, err), err);
}
