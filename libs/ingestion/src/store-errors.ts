/**
 * How a store failed, as the ingest use case needs to know it: retrying helps only with a
 * transient fault; a refusal of the data itself repeats forever and must be isolated instead.
 */
export type FailureCause =
  | 'unavailable' // connection refused/lost, not ready
  | 'timeout'
  | 'conflict' // serialisation failure, deadlock
  | 'resources' // out of memory, disk, connections
  | 'other';

/** The store refused the data for a reason retrying cannot fix (the adapter decided). */
export class StoreRefusedError extends Error {
  constructor(readonly detail: string) {
    super(`store refused the batch: ${detail}`);
    this.name = 'StoreRefusedError';
  }
}

/** A transient store failure with its cause (for metrics and logs); worth retrying. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly kind: FailureCause,
    readonly original: unknown,
  ) {
    super(
      `store unavailable (${kind}): ${original instanceof Error ? original.message : String(original)}`,
    );
    this.name = 'StoreUnavailableError';
  }
}

const NETWORK =
  /ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EHOSTUNREACH|closed|terminated|not writeable|isn't writeable|Connection|connect/i;

/** Best-effort cause of any error thrown while talking to a store. */
export function failureCause(err: unknown): FailureCause {
  if (err instanceof StoreUnavailableError) return err.kind;
  const msg = err instanceof Error ? err.message : String(err);
  if (/timeout|timed out/i.test(msg)) return 'timeout';
  if (NETWORK.test(msg) || /MaxRetriesPerRequest|LOADING|READONLY|TRYAGAIN|CLUSTERDOWN/.test(msg))
    return 'unavailable';
  return 'other';
}
