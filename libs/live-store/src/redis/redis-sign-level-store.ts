import type { LiveRedis } from './command-batch';
import { liveKeys } from './live-keys';
import { SIGN_LEVEL_TTL_MS, SignLevelStore } from '../sign-level.port';

/** The levels of entries 0..n-1 ('' where none), and the key's lifetime renewed when it exists. */
const READ_LUA = `
local n = tonumber(ARGV[1])
local out = {}
for i = 1, n do
  out[i] = redis.call('HGET', KEYS[1], tostring(i - 1)) or ''
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return out`;

/** Compare-and-set of every entry's level: ARGV = n, ttl, expected[1..n], next[1..n]. */
const REPLACE_LUA = `
local n = tonumber(ARGV[1])
for i = 1, n do
  local held = redis.call('HGET', KEYS[1], tostring(i - 1)) or ''
  if held ~= ARGV[2 + i] then return 0 end
end
for i = 1, n do
  redis.call('HSET', KEYS[1], tostring(i - 1), ARGV[2 + n + i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

type WithCommands = LiveRedis & {
  signLevelsRead(key: string, n: number, ttlMs: number): Promise<string[]>;
  signLevelsReplace(key: string, ...args: (string | number)[]): Promise<number>;
};

/**
 * Sign levels in Redis, one hash per sign (`{sign:<id>}:lv`, field = entry position), shared by
 * every API instance; each call is one script, so two instances never both win a change.
 */
export class RedisSignLevelStore extends SignLevelStore {
  private readonly redis: WithCommands;

  constructor(redis: LiveRedis) {
    super();
    if (!('signLevelsRead' in redis)) {
      redis.defineCommand('signLevelsRead', { numberOfKeys: 1, lua: READ_LUA });
      redis.defineCommand('signLevelsReplace', { numberOfKeys: 1, lua: REPLACE_LUA });
    }
    this.redis = redis as WithCommands;
  }

  async read(signId: string, entries: number): Promise<(string | null)[]> {
    const held = await this.redis.signLevelsRead(
      liveKeys.signLevels(signId),
      entries,
      SIGN_LEVEL_TTL_MS,
    );
    return held.map((l) => (l === '' ? null : l));
  }

  async replace(signId: string, expected: (string | null)[], next: string[]): Promise<boolean> {
    if (expected.length !== next.length) throw new Error('one level per entry expected');
    const won = await this.redis.signLevelsReplace(
      liveKeys.signLevels(signId),
      next.length,
      SIGN_LEVEL_TTL_MS,
      ...expected.map((e) => e ?? ''),
      ...next,
    );
    return won === 1;
  }
}
