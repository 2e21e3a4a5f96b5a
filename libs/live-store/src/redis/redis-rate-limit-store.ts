import type { LiveRedis } from './command-batch';
import { RateLimitHit, RateLimitStore } from '../rate-limit.port';

/** One round trip: count this request in the client's window and start the window if new. */
const FIXED_WINDOW_LUA = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

type WithCommand = LiveRedis & {
  rateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
};

/** Fixed-window counters in Redis, shared by every API instance (keys under the client's prefix). */
export class RedisRateLimitStore extends RateLimitStore {
  private readonly redis: WithCommand;

  constructor(redis: LiveRedis) {
    super();
    if (!('rateLimitHit' in redis)) {
      redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: FIXED_WINDOW_LUA });
    }
    this.redis = redis as WithCommand;
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const [count, ttlMs] = await this.redis.rateLimitHit(key, windowMs);
    return { count, ttlMs };
  }
}
