import Redis from 'ioredis';

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
