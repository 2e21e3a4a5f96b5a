import { LiveStore, MemoryLiveState } from '@app/live-store';

/**
 * The live state the one-process profile shares between api, ingest worker and enforcer: one
 * `MemoryLiveState` (the Redis adapter's semantics in process, contract-tested against it). It
 * lives as long as the process; after a restart the ingest worker rebuilds it from PostgreSQL's
 * durable records when it takes its partitions, as a worker does after Redis lost its data.
 */
export interface DevLiveState {
  /** What the banner says about it. */
  description: string;
  state: MemoryLiveState;
  /** The enforcer's read side. */
  enforcerStore(): { store: LiveStore; close(): Promise<void> };
}

export function createDevLiveState(onError: (err: unknown) => void): DevLiveState {
  const state = new MemoryLiveState({ onError });
  return {
    description: 'in memory (this process; rebuilt from PostgreSQL at start)',
    state,
    enforcerStore: () => ({ store: state, close: async () => undefined }),
  };
}
