/** Health of the live store for readiness checks (Redis: the connection; memory: always ok). */
export abstract class LiveHealth {
  /** The check's name in readiness reports (`redis`, `memory`). */
  abstract readonly name: string;
  /** Resolves when the store answers a round trip; rejects otherwise. */
  abstract ping(): Promise<void>;
  /** The connection state without a round trip: `ready` when usable. */
  abstract status(): string;
  /** Resolves once the store is usable; rejects after `timeoutMs`. */
  abstract whenReady(timeoutMs?: number): Promise<void>;
}
