/** One request counted in its client's fixed window. */
export interface RateLimitHit {
  /** Requests in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

/**
 * The API's per-client request counters: a fixed window that starts with the first request of a
 * key and lasts `windowMs`. Redis form shared by every API instance; memory form for one process.
 */
export abstract class RateLimitStore {
  abstract hit(key: string, windowMs: number): Promise<RateLimitHit>;
}
