import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { LiveStore } from '../live-store.port';
import { LiveChangeMessage, LiveSpace, LotCounts, sumZoneCounts, ZoneCounts } from '../live-space';
import { liveKeys } from './live-keys';
import { changesChannel } from './live-redis.factory';
import { decodeRecord } from '../record-codec';
import { CommandBatch, LiveRedis } from './command-batch';
import { ShardedChangeFeed } from './sharded-change-feed';

function toCounts(lotId: string, v: (string | null)[]): LotCounts {
  return {
    lotId,
    free: Number(v[0] ?? 0),
    occupied: Number(v[1] ?? 0),
    unknown: Number(v[2] ?? 0),
  };
}

/**
 * Reads the live state written by the ingest worker (layout: docs/live-store.md), on one Redis
 * or a Redis Cluster (reads of many lots spread over the masters; changes over sharded pub/sub).
 */
export class RedisLiveStore extends LiveStore {
  constructor(private readonly redis: LiveRedis) {
    super();
  }

  private async lotList(lotIds?: string[]): Promise<string[]> {
    return lotIds ?? (await this.redis.smembers(liveKeys.lots));
  }

  async snapshotSpaces(lotIds?: string[]): Promise<LiveSpace[]> {
    const lots = await this.lotList(lotIds);
    const out: LiveSpace[] = [];
    for (let i = 0; i < lots.length; i += 200) {
      const chunk = lots.slice(i, i + 200);
      const p = new CommandBatch(this.redis);
      for (const lot of chunk) p.add('hgetall', liveKeys.records(lot));
      const res = await p.exec();
      res.forEach(([err, val], j) => {
        if (err) throw err;
        for (const [spaceId, packed] of Object.entries(val as Record<string, string>)) {
          out.push(decodeRecord(chunk[j], spaceId, packed));
        }
      });
    }
    return out;
  }

  async lotCounts(lotIds?: string[]): Promise<LotCounts[]> {
    const lots = await this.lotList(lotIds);
    if (lots.length === 0) return [];
    const p = new CommandBatch(this.redis);
    for (const lot of lots) p.add('hmget', liveKeys.counts(lot), 'free', 'occupied', 'unknown');
    const res = await p.exec();
    return res.map(([err, val], i) => {
      if (err) throw err;
      return toCounts(lots[i], val as (string | null)[]);
    });
  }

  async zoneCounts(lotsByZone: Map<string, string[]>): Promise<ZoneCounts[]> {
    const all = [...new Set([...lotsByZone.values()].flat())];
    return sumZoneCounts(lotsByZone, await this.lotCounts(all));
  }

  async getSpace(lotId: string, spaceId: string): Promise<LiveSpace | null> {
    const packed = await this.redis.hget(liveKeys.records(lotId), spaceId);
    return packed === null ? null : decodeRecord(lotId, spaceId, packed);
  }

  async subscribeChanges(
    onMessage: (m: LiveChangeMessage) => void,
    onResync: () => void = () => undefined,
  ): Promise<() => Promise<void>> {
    const deliver = (msg: string) => {
      let m: LiveChangeMessage;
      try {
        m = JSON.parse(msg) as LiveChangeMessage;
      } catch {
        return;
      }
      onMessage(m);
      if (m.reset) onResync();
    };
    if (this.redis.isCluster) {
      const feed = new ShardedChangeFeed(this.redis as Cluster, deliver, onResync);
      await feed.start();
      return () => feed.stop();
    }
    const sub = (this.redis as Redis).duplicate({ enableOfflineQueue: true });
    const channel = changesChannel(this.redis);
    let readies = 0;
    // ioredis resubscribes on reconnect; messages published meanwhile are lost
    sub.on('ready', () => {
      if (readies++ > 0) onResync();
    });
    sub.on('error', () => undefined);
    sub.on('message', (ch: string, msg: string) => {
      if (ch === channel) deliver(msg);
    });
    await sub.subscribe(channel);
    return async () => {
      await sub.quit().catch(() => sub.disconnect());
    };
  }
}
