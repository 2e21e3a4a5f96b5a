import type { Cluster } from 'ioredis';
import type Redis from 'ioredis';
import {
  decodeIntent,
  encodeIntent,
  IntentMessage,
  IntentStore,
  LiveIntent,
} from '../intent-store.port';
import { CommandBatch, LiveRedis } from './command-batch';
import { INTENT_PUT_LUA, INTENT_REMOVE_LUA } from './intent.lua';

/** Key of one lot's intents, in the lot's hash slot (relative to the ioredis keyPrefix). */
export const intentKey = (lotId: string): string => `{lot:${lotId}}:i`;

/** The intent channel (pub/sub channels are not prefixed by ioredis). */
export function intentsChannel(redis: LiveRedis): string {
  return `${redis.options.keyPrefix ?? ''}live:intents`;
}

type WithCommands = LiveRedis & {
  intentPut(key: string, ...argv: (string | number)[]): Promise<number>;
  intentRemove(key: string, ...argv: (string | number)[]): Promise<number>;
};

/** Intents in Redis: one hash per lot, one script per write, changes on `<prefix>live:intents`. */
export class RedisIntentStore extends IntentStore {
  private readonly redis: WithCommands;

  constructor(redis: LiveRedis) {
    super();
    if (!('intentPut' in redis)) {
      redis.defineCommand('intentPut', { numberOfKeys: 1, lua: INTENT_PUT_LUA });
      redis.defineCommand('intentRemove', { numberOfKeys: 1, lua: INTENT_REMOVE_LUA });
    }
    this.redis = redis as WithCommands;
  }

  async put(intent: LiveIntent, nowMs: number): Promise<void> {
    const message: IntentMessage = { op: 'put', intent };
    await this.redis.intentPut(
      intentKey(intent.lotId),
      intentsChannel(this.redis),
      Math.floor(nowMs),
      intent.id,
      encodeIntent(intent),
      Math.ceil(intent.expiresAtMs),
      JSON.stringify(message),
    );
  }

  async get(lotId: string, id: string, nowMs: number): Promise<LiveIntent | null> {
    const text = await this.redis.hget(intentKey(lotId), id);
    const i = text === null ? null : decodeIntent(lotId, id, text);
    return i && i.expiresAtMs > nowMs ? i : null;
  }

  async remove(lotId: string, id: string, nowMs: number): Promise<boolean> {
    const n = await this.redis.intentRemove(
      intentKey(lotId),
      intentsChannel(this.redis),
      Math.floor(nowMs),
      id,
      lotId,
    );
    return n === 1;
  }

  async snapshot(lotIds: string[], nowMs: number): Promise<LiveIntent[]> {
    const out: LiveIntent[] = [];
    for (let k = 0; k < lotIds.length; k += 500) {
      const chunk = lotIds.slice(k, k + 500);
      const batch = new CommandBatch(this.redis as LiveRedis);
      for (const lot of chunk) batch.add('hgetall', intentKey(lot));
      const res = await batch.exec();
      res.forEach(([err, val], j) => {
        if (err) throw err;
        for (const [id, text] of Object.entries(val as Record<string, string>)) {
          const i = decodeIntent(chunk[j], id, text);
          if (i && i.expiresAtMs > nowMs) out.push(i);
        }
      });
    }
    return out;
  }

  async subscribe(
    onMessage: (m: IntentMessage) => void,
    onResync: () => void = () => undefined,
  ): Promise<() => Promise<void>> {
    // classic pub/sub: on a cluster the intents channel reaches every node's subscribers
    const sub: LiveRedis = this.redis.isCluster
      ? (this.redis as Cluster).duplicate([], { enableOfflineQueue: true })
      : (this.redis as Redis).duplicate({ enableOfflineQueue: true });
    const channel = intentsChannel(this.redis);
    let readies = 0;
    sub.on('ready', () => {
      if (readies++ > 0) onResync();
    });
    sub.on('error', () => undefined);
    sub.on('message', (ch: string, text: string) => {
      if (ch !== channel) return;
      let m: IntentMessage;
      try {
        m = JSON.parse(text) as IntentMessage;
      } catch {
        return;
      }
      onMessage(m);
    });
    await sub.subscribe(channel);
    return async () => {
      await sub.quit().catch(() => sub.disconnect());
    };
  }
}
