import { AppConfig, loadConfig } from '@app/config';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';

/** A test config on the given database, with a unique Redis key prefix and topic root. */
export function testConfig(
  dbUrl: string,
  extra: Record<string, string> = {},
): AppConfig & { prefix: string } {
  const id = randomBytes(4).toString('hex');
  const prefix = `t:${id}:`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_KEY_PREFIX: prefix,
    MQTT_TOPIC_ROOT: `t${id}/`,
    LOG_LEVEL: 'silent',
    ...extra,
  });
  return Object.assign(config, { prefix });
}

/** Deletes every key under the prefix (never FLUSHALL on the shared Redis). */
export async function deletePrefix(
  prefix: string,
  url = 'redis://127.0.0.1:6379/0',
): Promise<void> {
  const r = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}
