import { StoreRefusedError } from './store-errors';

/** Thrown when a retried operation is abandoned because the caller is shutting down. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

export interface RetryOptions {
  /** Give up after this many attempts (default: forever). */
  maxAttempts?: number;
  signal?: AbortSignal;
  onError?: (err: unknown, attempt: number) => void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Capped exponential backoff (25 ms .. 1 s) with jitter, so workers do not retry in step. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(25 * 2 ** (attempt - 1), 1000);
  return Math.round(cap * (0.5 + random() / 2));
}

/**
 * Retries transient failures until success, the attempt limit or abort. A `StoreRefusedError`
 * (the data itself is refused) is never retried: it would fail the same way forever.
 */
export async function retrying<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) throw new AbortedError();
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StoreRefusedError) throw err;
      opts.onError?.(err, attempt);
      if (opts.maxAttempts !== undefined && attempt >= opts.maxAttempts) throw err;
      await sleep(backoffMs(attempt), opts.signal);
    }
  }
}
