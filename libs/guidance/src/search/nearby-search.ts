import type { ArrivalRanking } from '../intents/arrival-ranking';
import type { IntentRanking } from '../intents/intent-ranking';
import type { SpaceAccess } from '../ports/guidance-policy.port';
import type { LiveReplica } from '../replica/live-replica';
import type { SpaceTable } from '../replica/space-table';
import { NearbyJson } from './nearby-json';
import { LIMIT_MAX, NearbyQuery } from './nearby-query';

export interface NearbySpaceItem {
  spaceId: string;
  lotId: string | null;
  lat: number;
  lon: number;
  distanceM: number;
  type: string;
  state: 'free';
  ageS: number;
  usableUntil: string | null;
  maxStayMin: number | null;
  pricePerHour: number | null;
  currency: string;
}

export interface NearbySpacesResult {
  asOf: string;
  items: NearbySpaceItem[];
}

/**
 * Free spaces near a point, nearest first: walks the free-space grid outwards and keeps a space
 * only if its sensor is fresh now and the rule book opens it to the public at `at` for the whole
 * stay. Rule answers are memoised per policy key within one query (neighbours share lots).
 * `json` writes the answer's JSON text directly (the HTTP hot path), `search` the same as objects.
 */
export class NearbySearch {
  // one search at a time on the event loop: its state lives in fields, not in a closure
  private table: SpaceTable | null = null;
  private text: NearbyJson | null = null;
  private memoRun = new Int32Array(0);
  private memoAccess: (SpaceAccess | undefined)[] = [];
  private memoTail: (string | undefined)[] = [];
  private run = 0;
  private found = 0;
  private idx = new Int32Array(LIMIT_MAX);
  private dist = new Float64Array(LIMIT_MAX);
  private q: NearbyQuery | null = null;
  private nowMs = 0;
  private ranking: IntentRanking | null = null;
  private arriving: ArrivalRanking | null = null;
  private stopped = false;
  private readonly accept = (i: number, d: number): boolean => this.consider(i, d);

  constructor(
    private readonly replica: LiveReplica,
    private readonly intents: IntentRanking | null = null,
    private readonly arrival: ArrivalRanking | null = null,
  ) {}

  search(q: NearbyQuery, nowMs: number): NearbySpacesResult {
    const asOf = new Date(nowMs).toISOString();
    const items: NearbySpaceItem[] = [];
    if (!this.walk(q, nowMs)) return { asOf, items };
    const t = this.table!;
    const { currency } = this.replica.catalog;
    for (let n = 0; n < this.found; n++) {
      const i = this.idx[n];
      const access = this.memoAccess[t.policyOf[i]]!;
      const lot = t.lotOf[i];
      items.push({
        spaceId: t.ids[i],
        lotId: lot >= 0 ? t.lots[lot].id : null,
        lat: t.lat[i],
        lon: t.lon[i],
        distanceM: Math.round(this.dist[n]),
        type: t.types[i],
        state: 'free',
        ageS: t.ageS(i, nowMs) ?? 0,
        usableUntil:
          access.usableUntilMs === null ? null : new Date(access.usableUntilMs).toISOString(),
        maxStayMin: access.maxStayMin,
        pricePerHour: access.pricePerHour,
        currency,
      });
    }
    return { asOf, items };
  }

  /** Exactly `JSON.stringify(this.search(q, nowMs))`, without the intermediate objects. */
  json(q: NearbyQuery, nowMs: number): string {
    let out = `{"asOf":"${new Date(nowMs).toISOString()}","items":[`;
    if (this.walk(q, nowMs)) {
      const t = this.table!;
      const text = this.text!;
      for (let n = 0; n < this.found; n++) {
        const i = this.idx[n];
        const p = t.policyOf[i];
        const tail = (this.memoTail[p] ??= text.tail(this.memoAccess[p]!));
        out +=
          (n > 0 ? ',' : '') +
          text.head(i) +
          Math.round(this.dist[n]) +
          text.mid(i) +
          (t.ageS(i, nowMs) ?? 0) +
          tail;
      }
    }
    return out + ']}';
  }

  /** Fills idx/dist with the accepted spaces, nearest first; false before the first catalog. */
  private walk(q: NearbyQuery, nowMs: number): boolean {
    this.found = 0;
    if (!this.replica.ready) return false;
    this.prepare(q.limit);
    this.q = q;
    this.nowMs = nowMs;
    this.stopped = false;
    this.arriving = this.arrival?.begin(q.limit, q.etaMs, nowMs) ? this.arrival : null;
    this.ranking =
      !this.arriving && this.intents?.begin(q.limit, q.etaMs, nowMs) ? this.intents : null;
    this.replica.freeIndex.search(q.lat, q.lon, q.radiusM, q.limit, this.accept);
    if (this.ranking) this.found = this.ranking.merge(this.idx, this.dist, this.found, q.limit);
    if (this.arriving) this.found = this.arriving.finish(this.idx, this.dist);
    this.q = null;
    return true;
  }

  private consider(i: number, d: number): boolean {
    // arrival ranking done: "accept" the rest so the walk ends (at most `limit` more calls)
    if (this.stopped) return true;
    const t = this.table!;
    const q = this.q!;
    if (q.type !== null && t.types[i] !== q.type) return false;
    if (!t.fresh(i, this.nowMs)) return false;
    const p = t.policyOf[i];
    let access: SpaceAccess;
    if (this.memoRun[p] === this.run) access = this.memoAccess[p]!;
    else {
      access = this.replica.catalog.policy.spaceAt(t.ids[i], q.atMs, q.stayMin);
      this.memoRun[p] = this.run;
      this.memoAccess[p] = access;
      this.memoTail[p] = undefined;
    }
    if (!access.publicOpen || access.closed) return false;
    if (this.arriving) return (this.stopped = this.arriving.offer(t.ids[i], i, d, t.since[i]));
    if (this.ranking?.holdBack(t.ids[i], i, d, q.limit)) return false;
    this.idx[this.found] = i;
    this.dist[this.found++] = d;
    return true;
  }

  /** Per-table memo arrays and JSON fragments, renewed when the replica swaps its table. */
  private prepare(limit: number): void {
    if (limit > this.idx.length) {
      this.idx = new Int32Array(limit);
      this.dist = new Float64Array(limit);
    }
    if (++this.run === 0x7fffffff) this.table = null;
    const t = this.replica.spaces;
    if (t === this.table) return;
    this.table = t;
    this.text = new NearbyJson(t, this.replica.catalog.currency);
    const keys = t.policyKeys.length;
    this.memoRun = new Int32Array(keys);
    this.memoAccess = new Array<SpaceAccess | undefined>(keys);
    this.memoTail = new Array<string | undefined>(keys);
    this.run = 1;
  }
}
