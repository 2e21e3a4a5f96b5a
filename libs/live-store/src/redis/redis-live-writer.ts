import type { Cluster } from 'ioredis';
import {
  ApplyItem,
  ApplyOutcome,
  ApplyVerdict,
  indexesByLot,
  PackedRecord,
  RebuildLot,
} from '../live-apply';
import { LiveStateWriter } from '../live-store.port';
import { APPLY_LUA } from './apply.lua';
import { applyChunks, replicated } from './cluster-batching';
import { lotSlot, shardChannel } from './cluster-slots';
import { CommandBatch, LiveRedis } from './command-batch';
import { liveKeys } from './live-keys';
import { changesChannel } from './live-redis.factory';
import { encodeRecord } from '../record-codec';
import { REBUILD_LUA } from './rebuild.lua';
import { SWEEP_LUA, UNDUE_LUA } from './sweep.lua';

const VERDICT = ['apply', 'late', 'duplicate'] as const;
/** Arguments per command stay far below the JS spread/stack limit. */
const CHUNK = 2000;
/** Events per apply call: a call blocks Redis for roughly 10 us per event. */
const APPLY_CHUNK_EVENTS = 500;
/** How long settle waits for a cluster master's replica to confirm the batch's writes. */
const REPLICA_WAIT_MS = 500;

/** On a cluster the change message goes to the shard channel of the script's own slot. */
const sharded = (lua: string) => lua.replace("redis.call('PUBLISH'", "redis.call('SPUBLISH'");

/** One event as the apply script reads it: 10 ','-separated fields ended by ';'. */
function packItem(it: ApplyItem): string {
  return (
    `${it.spaceId},${it.sensorId},${it.seq},${it.type},${it.occupied ? 1 : 0},` +
    `${it.ts},${it.receivedAt},${it.batteryMv ?? -1},${it.lowBatteryMv ?? -1},${it.staleMs};`
  );
}

/**
 * Atomic per-lot apply, rebuild and sweep through Lua registered with defineCommand. On a Redis
 * Cluster every script call stays in one slot (an apply call only groups lots of one slot), its
 * change message goes out with SPUBLISH on that slot's shard channel, and `settle` waits until
 * each master's replica has the writes, so a failover loses nothing that was acknowledged.
 */
export class RedisLiveWriter extends LiveStateWriter {
  private readonly channel: string;
  private readonly prefix: string;
  private readonly cluster: boolean;
  private readonly knownLots = new Set<string>();

  constructor(private readonly redis: LiveRedis) {
    super();
    this.channel = changesChannel(redis);
    this.prefix = redis.options.keyPrefix ?? '';
    this.cluster = redis.isCluster;
    const define = (name: string, lua: string, keys?: number) => {
      const text = this.cluster ? sharded(lua) : lua;
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: keys, lua: text });
    };
    define('liveApply', APPLY_LUA); // key count varies: passed as the first argument
    define('liveSweep', SWEEP_LUA, 3);
    define('liveRebuild', REBUILD_LUA, 3);
    define('liveUndue', UNDUE_LUA, 1);
  }

  private pipe(): CommandBatch {
    return new CommandBatch(this.redis);
  }

  /** Where the change messages of this lot's script calls go. */
  private channelOf(lotId: string): string {
    return this.cluster ? shardChannel(this.prefix, lotSlot(lotId)) : this.channel;
  }

  async applyBatch(items: ApplyItem[]): Promise<ApplyOutcome> {
    if (items.length === 0) return { verdicts: [], records: [], epochs: new Map(), notLoaded: [] };
    const byLot = indexesByLot(items);
    const lots = [...byLot.keys()];
    const chunks = applyChunks(lots, byLot, APPLY_CHUNK_EVENTS, this.cluster);
    const p = this.pipe();
    for (const chunk of chunks) {
      const keys: string[] = [];
      const args: string[] = [this.channelOf(chunk[0])];
      for (const lot of chunk) {
        const idx = byLot.get(lot) as number[];
        let events = '';
        for (const i of idx) events += packItem(items[i]);
        keys.push(...liveKeys.lotsOf(lot));
        args.push(lot, items[idx[0]].zoneId, events);
      }
      p.add('liveApply', keys.length, ...keys, ...args);
    }
    const newLots = lots.filter((l) => !this.knownLots.has(l));
    if (newLots.length) p.add('sadd', liveKeys.lots, ...newLots);
    const res = (await p.exec()) ?? [];
    const verdicts: ApplyVerdict[] = new Array(items.length);
    const records: PackedRecord[] = [];
    const epochs = new Map<string, string>();
    const notLoaded: string[] = [];
    chunks.forEach((chunk, k) => {
      const [err, val] = res[k];
      if (err) throw err;
      const out = val as Array<string | number[] | (string | number)[]>;
      chunk.forEach((lot, l) => {
        const marker = out[3 * l] as string;
        if (marker === '') return void notLoaded.push(lot);
        const flat = out[3 * l + 1] as number[];
        const recs = out[3 * l + 2] as (string | number)[];
        epochs.set(lot, marker);
        (byLot.get(lot) as number[]).forEach((i, j) => {
          verdicts[i] = { verdict: VERDICT[flat[2 * j]], gap: flat[2 * j + 1] };
        });
        for (let j = 0; j < recs.length; j += 4) {
          const spaceId = recs[j] as string;
          const packed = recs[j + 1] as string;
          const ver = recs[j + 2] as number;
          records.push({ spaceId, lotId: lot, packed, ver, staleAt: recs[j + 3] as number });
        }
      });
    });
    for (const l of newLots) this.knownLots.add(l);
    return { verdicts, records, epochs, notLoaded };
  }

  async rebuildLots(lots: RebuildLot[], now: number, force: boolean | 'refresh'): Promise<number> {
    const epoch = `${now}-${Math.random().toString(36).slice(2, 10)}`;
    let written = 0;
    // two chunks in flight: Redis runs one chunk's Lua while the next one is encoded here
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < lots.length; i += 100) {
      const chunk = lots.slice(i, i + 100);
      const p = this.pipe();
      const deadlines: (string | number)[] = [];
      for (const lot of chunk) {
        const mode = force === 'refresh' ? '2' : force ? '1' : '0';
        const args: (string | number)[] = [epoch, mode];
        for (const s of lot.spaces) {
          args.push(s.spaceId, s.record ? encodeRecord(s.record) : '');
          if (s.record && s.record.state !== 'unknown') {
            deadlines.push(s.record.lastSeen + s.record.staleMs, `${lot.lotId}\t${s.spaceId}`);
          }
        }
        p.add('liveRebuild', ...liveKeys.lotsOf(lot.lotId), ...args);
      }
      p.add('sadd', liveKeys.lots, ...chunk.map((l) => l.lotId));
      for (let j = 0; j < deadlines.length; j += CHUNK) {
        p.add('zadd', liveKeys.deadlines, ...deadlines.slice(j, j + CHUNK));
      }
      const done = p.exec().then((res) => {
        for (let k = 0; k < chunk.length; k++) {
          const entry = res?.[k];
          if (!entry) throw new Error('pipeline answered nothing');
          const [err, val] = entry;
          if (err) throw err;
          written += Number(val);
        }
        for (const l of chunk) this.knownLots.add(l.lotId);
      });
      done.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
      inFlight.push(done);
      if (inFlight.length >= 2) await inFlight.shift();
    }
    await Promise.all(inFlight);
    return written;
  }

  async settle(records: PackedRecord[], lotIds: string[]): Promise<Map<string, string>> {
    if (records.length === 0 && lotIds.length === 0) return new Map();
    const p = this.pipe();
    for (let i = 0; i < records.length; i += CHUNK) {
      const args: (string | number)[] = [];
      for (const r of records.slice(i, i + CHUNK)) args.push(r.staleAt, `${r.lotId}\t${r.spaceId}`);
      p.add('zadd', liveKeys.deadlines, ...args);
    }
    // MGET cannot span slots: one GET per lot on a cluster
    if (this.cluster) for (const l of lotIds) p.add('get', liveKeys.marker(l));
    else if (lotIds.length) p.add('mget', ...lotIds.map((l) => liveKeys.marker(l)));
    const res = await p.exec();
    for (const [err] of res) if (err) throw err;
    if (this.cluster) await replicated(this.redis as Cluster, REPLICA_WAIT_MS);
    if (lotIds.length === 0) return new Map();
    const vals = this.cluster
      ? res.slice(res.length - lotIds.length).map(([, v]) => v as string | null)
      : (res[res.length - 1][1] as (string | null)[]);
    return new Map(lotIds.map((l, i) => [l, vals[i] ?? '']));
  }

  async sweepStale(
    now: number,
    limit: number,
    zoneOf: (lotId: string) => string | undefined,
  ): Promise<number> {
    const due = await this.redis.zrangebyscore(liveKeys.deadlines, '-inf', now, 'LIMIT', 0, limit);
    if (due.length === 0) return 0;
    const byLot = new Map<string, string[]>();
    for (const m of due) {
      const [lot, space] = m.split('\t');
      const list = byLot.get(lot);
      if (list) list.push(space);
      else byLot.set(lot, [space]);
    }
    const p = this.pipe();
    for (const [lot, spaces] of byLot) {
      const args = [this.channelOf(lot), lot, zoneOf(lot) ?? '', now, ...spaces];
      p.add('liveSweep', ...liveKeys.lotsOf(lot), ...args);
    }
    p.add('liveUndue', liveKeys.deadlines, now, ...due);
    const res = await p.exec();
    let changed = 0;
    for (let k = 0; k < byLot.size; k++) {
      const [err, val] = res[k];
      if (err) throw err;
      changed += Number(val);
    }
    return changed;
  }

  async invalidateLots(lotIds: string[]): Promise<void> {
    if (lotIds.length === 0) return;
    // one DEL per key (keys of different lots live in different cluster slots), one round trip
    const p = this.pipe();
    for (const l of lotIds) p.add('del', liveKeys.marker(l));
    const res = await p.exec();
    for (const [err] of res) if (err) throw err;
  }

  /** On a cluster one shard channel is enough: every subscriber listens on all of them. */
  async publishReset(): Promise<void> {
    const reset = JSON.stringify({ v: 1, reset: true });
    // ioredis prefixes a shard channel like a key
    if (this.cluster) await this.redis.spublish(shardChannel('', 0), reset);
    else await this.redis.publish(this.channel, reset);
  }
}
