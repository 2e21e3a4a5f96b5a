import { LiveConnection } from '../live-connection';
import { LiveHealth } from '../live-health.port';
import { MemoryIntentStore } from './memory-intent-store';
import { MemoryLiveState } from './memory-live-state';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { MemorySignLevelStore } from './memory-sign-level-store';

/** The in-process live store is always there: readiness reports it as `memory: ok`. */
export class MemoryLiveHealth extends LiveHealth {
  readonly name = 'memory';

  async ping(): Promise<void> {
    return;
  }

  status(): string {
    return 'ready';
  }

  async whenReady(): Promise<void> {
    return;
  }
}

/**
 * The ports of one process on a shared `MemoryLiveState` (the caller owns the state: closing the
 * connection leaves it intact for the other parts of the process).
 */
export function memoryLiveConnection(
  state: MemoryLiveState,
  opts: {
    rateLimit?: MemoryRateLimitStore;
    intents?: MemoryIntentStore;
    signLevels?: MemorySignLevelStore;
  } = {},
): LiveConnection {
  return {
    store: state,
    writer: state,
    health: new MemoryLiveHealth(),
    rateLimit: opts.rateLimit ?? new MemoryRateLimitStore(),
    intents: opts.intents ?? new MemoryIntentStore(),
    signLevels: opts.signLevels ?? new MemorySignLevelStore(),
    close: async () => undefined,
  };
}
