import type { LiveRedis } from './command-batch';
import { LiveHealth } from '../live-health.port';
import { redisReady } from './live-redis.factory';

/** Readiness of the live Redis: the client's state, a PING round trip. */
export class RedisLiveHealth extends LiveHealth {
  readonly name = 'redis';

  constructor(private readonly redis: LiveRedis) {
    super();
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  status(): string {
    return this.redis.status;
  }

  whenReady(timeoutMs?: number): Promise<void> {
    return redisReady(this.redis, timeoutMs);
  }
}
