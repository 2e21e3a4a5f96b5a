import Redis from 'ioredis';
import { redisUrl } from './test-services';

/** Deletes every key under the prefix (never FLUSHALL on the shared Redis). */
export async function deletePrefix(prefix: string, url = redisUrl()): Promise<void> {
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
