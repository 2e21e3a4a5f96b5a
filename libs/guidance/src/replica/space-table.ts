import type { CatalogLot, CatalogSpace, SpaceStatics } from '../ports/catalog.types';
import type { LiveSpaceState } from '../ports/live-state.port';

export type SensedState = 'free' | 'occupied' | 'unknown';

const UNKNOWN = -1;
const FREE = 0;
const OCCUPIED = 1;

/**
 * Static and live attributes of every space, kept column-wise in typed arrays and addressed by a
 * dense integer index (135,000 spaces cost a few MB and no per-space objects on the hot path).
 * Repeated strings (types, policy keys) are interned: one string per distinct value.
 */
export class SpaceTable implements SpaceStatics {
  readonly ids: string[];
  readonly types: string[];
  readonly index: Map<string, number>;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly lotOf: Int32Array;
  readonly staleMs: Float64Array;
  /** The stale limits of the catalog (before any live record overrode them). */
  readonly catalogStaleMs: Float64Array;
  readonly sensorIds: (string | null)[];
  readonly occupied: Int8Array;
  readonly lastSeen: Float64Array;
  readonly since: Float64Array;
  readonly batteryLow: Uint8Array;
  readonly ver: Float64Array;
  readonly lots: CatalogLot[];
  readonly lotIndex: Map<string, number>;
  readonly lotSpaces: number[][];
  /** The rule book's policy key per space (spaces sharing one get the same rule answers; interned). */
  readonly policy: string[];
  /** The same as a dense number (index into `policyKeys`), for array-based memos. */
  readonly policyOf: Int32Array;
  readonly policyKeys: string[];

  constructor(
    lots: CatalogLot[],
    spaces: CatalogSpace[],
    policyKey: (spaceId: string) => string = (id) => id,
    /** Share this table's static columns (same catalog); live state starts unknown. */
    statics?: SpaceStatics,
  ) {
    if (statics) {
      this.lots = statics.lots;
      this.lotIndex = statics.lotIndex;
      this.lotSpaces = statics.lotSpaces;
      this.ids = statics.ids;
      this.types = statics.types;
      this.sensorIds = statics.sensorIds;
      this.policy = statics.policy;
      this.policyOf = statics.policyOf;
      this.policyKeys = statics.policyKeys;
      this.index = statics.index;
      this.lat = statics.lat;
      this.lon = statics.lon;
      this.lotOf = statics.lotOf;
      this.staleMs = statics.catalogStaleMs.slice();
      this.catalogStaleMs = statics.catalogStaleMs;
      const m = statics.ids.length;
      this.occupied = new Int8Array(m).fill(UNKNOWN);
      this.lastSeen = new Float64Array(m).fill(NaN);
      this.since = new Float64Array(m).fill(NaN);
      this.batteryLow = new Uint8Array(m);
      this.ver = new Float64Array(m).fill(-1);
      return;
    }
    const n = spaces.length;
    this.lots = lots;
    this.policyKeys = [];
    this.index = new Map();
    this.lotIndex = new Map();
    lots.forEach((l, i) => this.lotIndex.set(l.id, i));
    this.lotSpaces = lots.map(() => []);
    this.ids = new Array<string>(n);
    this.types = new Array<string>(n);
    this.sensorIds = new Array<string | null>(n);
    this.policy = new Array<string>(n);
    this.policyOf = new Int32Array(n);
    const keyIndex = new Map<string, number>();
    const typeOf = new Map<string, string>();
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.lotOf = new Int32Array(n).fill(-1);
    this.staleMs = new Float64Array(n);
    this.occupied = new Int8Array(n).fill(UNKNOWN);
    this.lastSeen = new Float64Array(n).fill(NaN);
    this.since = new Float64Array(n).fill(NaN);
    this.batteryLow = new Uint8Array(n);
    this.ver = new Float64Array(n).fill(-1);
    spaces.forEach((s, i) => {
      this.ids[i] = s.id;
      let type = typeOf.get(s.type);
      if (type === undefined) typeOf.set(s.type, (type = s.type));
      this.types[i] = type;
      this.sensorIds[i] = s.sensorId;
      const key = policyKey(s.id);
      let k = keyIndex.get(key);
      if (k === undefined) keyIndex.set(key, (k = this.policyKeys.push(key) - 1));
      this.policy[i] = this.policyKeys[k];
      this.policyOf[i] = k;
      this.index.set(s.id, i);
      this.lat[i] = s.lat;
      this.lon[i] = s.lon;
      this.staleMs[i] = s.staleLimitS === null ? NaN : s.staleLimitS * 1000;
      const lot = this.lotIndex.get(s.lotId);
      if (lot !== undefined) {
        this.lotOf[i] = lot;
        this.lotSpaces[lot].push(i);
      }
    });
    this.catalogStaleMs = this.staleMs.slice();
  }

  /** A table over prebuilt static columns (see `unpackCatalog`); live state starts unknown. */
  static fromColumns(statics: SpaceStatics): SpaceTable {
    return new SpaceTable([], [], undefined, statics);
  }

  /** A table over the same spaces with every live state unknown (shares the static columns). */
  emptyCopy(): SpaceTable {
    return new SpaceTable([], [], undefined, this);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Writes a live state unless it is older than what is held; true when anything changed. */
  write(i: number, s: LiveSpaceState, force = false): boolean {
    if (!force && s.ver <= this.ver[i]) return false;
    this.ver[i] = s.ver;
    if (s.staleMs !== null) this.staleMs[i] = s.staleMs;
    const occ = s.occupied === null ? UNKNOWN : s.occupied ? OCCUPIED : FREE;
    const seen = s.lastSeenMs ?? NaN;
    const since = s.sinceMs ?? NaN;
    const low = s.batteryLow ? 1 : 0;
    const changed =
      this.occupied[i] !== occ ||
      !Object.is(this.lastSeen[i], seen) ||
      !Object.is(this.since[i], since) ||
      this.batteryLow[i] !== low;
    this.occupied[i] = occ;
    this.lastSeen[i] = seen;
    this.since[i] = since;
    this.batteryLow[i] = low;
    return changed;
  }

  /** `write(j, src.read(i), true)` without the intermediate object (a catalog reload). */
  copyLive(j: number, src: SpaceTable, i: number): void {
    this.ver[j] = src.ver[i];
    if (!Number.isNaN(src.staleMs[i])) this.staleMs[j] = src.staleMs[i];
    this.occupied[j] = src.occupied[i];
    this.lastSeen[j] = src.lastSeen[i];
    this.since[j] = src.since[i];
    this.batteryLow[j] = src.batteryLow[i];
  }

  read(i: number): LiveSpaceState {
    const occ = this.occupied[i];
    return {
      spaceId: this.ids[i],
      occupied: occ === UNKNOWN ? null : occ === OCCUPIED,
      lastSeenMs: Number.isNaN(this.lastSeen[i]) ? null : this.lastSeen[i],
      sinceMs: Number.isNaN(this.since[i]) ? null : this.since[i],
      batteryLow: this.batteryLow[i] === 1,
      ver: this.ver[i],
      staleMs: Number.isNaN(this.staleMs[i]) ? null : this.staleMs[i],
    };
  }

  /** Reported free (fresh or not): the free-space index holds exactly these. */
  reportedFree(i: number): boolean {
    return this.occupied[i] === FREE;
  }

  /** Reported occupied (ends the intents targeting it). */
  occupiedNow(i: number): boolean {
    return this.occupied[i] === OCCUPIED;
  }

  /** A sensor that has been silent past its stale limit (or never spoke) makes the space unknown. */
  fresh(i: number, nowMs: number): boolean {
    return nowMs - this.lastSeen[i] <= this.staleMs[i];
  }

  sensed(i: number, nowMs: number): SensedState {
    const occ = this.occupied[i];
    if (occ === UNKNOWN || !this.fresh(i, nowMs)) return 'unknown';
    return occ === FREE ? 'free' : 'occupied';
  }

  ageS(i: number, nowMs: number): number | null {
    const seen = this.lastSeen[i];
    return Number.isNaN(seen) ? null : Math.max(0, Math.floor((nowMs - seen) / 1000));
  }
}
