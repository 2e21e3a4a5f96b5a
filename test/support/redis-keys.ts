import Redis, { Cluster } from 'ioredis';
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

/** deletePrefix on a Redis Cluster (`host:port` seed nodes): every master's keys, one by one. */
export async function deleteClusterPrefix(prefix: string, nodes: string[]): Promise<void> {
  const c = new Cluster(
    nodes.map((n) => ({ host: n.split(':')[0], port: Number(n.split(':')[1]) })),
  );
  try {
    // the masters are known once the client has read the slot map
    if (c.status !== 'ready') await new Promise((resolve) => c.once('ready', resolve));
    for (const node of c.nodes('master')) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        // keys of one node may hash to different slots: no multi-key DEL
        await Promise.all(keys.map((k) => node.del(k)));
      } while (cursor !== '0');
    }
  } finally {
    c.disconnect();
  }
}
