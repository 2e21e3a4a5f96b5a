import { IntentStore } from './intent-store.port';
import { LiveHealth } from './live-health.port';
import { LiveStateWriter, LiveStore } from './live-store.port';
import { RateLimitStore } from './rate-limit.port';
import { SignLevelStore } from './sign-level.port';

/**
 * Everything a process takes from the live store, behind ports: built by `openRedisLive`
 * (production) or `memoryLiveConnection` (one process, development profile and tests).
 */
export interface LiveConnection {
  store: LiveStore;
  writer: LiveStateWriter;
  health: LiveHealth;
  rateLimit: RateLimitStore;
  intents: IntentStore;
  signLevels: SignLevelStore;
  /** Releases what this connection opened (the Redis client; nothing for memory). */
  close(): Promise<void>;
}
