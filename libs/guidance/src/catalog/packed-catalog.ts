import type { CityFile, RuleBookInput, RuleBookSpace } from '@app/domain';
import { compileRuleBook, ruleBookInputOf, staleLimitS } from '@app/domain';
import type { CatalogLot, CatalogSign, GuidanceCatalog } from '../ports/catalog.types';
import { SpaceTable } from '../replica/space-table';
import { catalogLots, catalogSigns } from './catalog-from-city';
import { DomainGuidancePolicy, RepresentativeSpaces } from './domain-guidance.policy';

/** Spaces per packed id chunk (one string each): the main thread splits one chunk per turn. */
export const PACK_CHUNK = 4096;

/**
 * A whole city's guidance catalog as a few strings and typed arrays, built off the main thread
 * (a worker) and sent to it by transfer: no per-space object crosses, and the rule book it
 * carries has one representative space per policy key (spaces sharing a key answer identically).
 */
export interface PackedCatalog {
  currency: string;
  timeZone: string;
  lots: CatalogLot[];
  signs: CatalogSign[];
  /** The rules engine's input with `spaces` reduced to one representative per policy key. */
  ruleInput: RuleBookInput;
  size: number;
  /** Space ids, `PACK_CHUNK` per string, joined by '\n' (ids never contain one). */
  idChunks: string[];
  /** Sensor ids in the same layout, '' for a space no sensor watches. */
  sensorChunks: string[];
  typeNames: string[];
  typeOf: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Index into `lots`, -1 when the lot is unknown. */
  lotOf: Int32Array;
  /** The catalog stale limit in ms, NaN when no sensor watches the space. */
  staleMs: Float64Array;
  policyOf: Int32Array;
  policyKeys: string[];
  /** The representative space id of each policy key. */
  representatives: string[];
}

/** The typed arrays of a packed catalog (to transfer rather than copy). */
export function packedBuffers(p: PackedCatalog): ArrayBuffer[] {
  return [p.typeOf, p.lat, p.lon, p.lotOf, p.staleMs, p.policyOf].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Packs a whole city (compiles the full rule book once for the policy keys). Pure; CPU-heavy. */
export function packCatalog(city: CityFile): PackedCatalog {
  const input = ruleBookInputOf(city);
  const book = compileRuleBook(input);
  const models = new Map(city.sensorModels.map((m) => [m.id, m]));
  const sensorOf = new Map(city.sensors.map((s) => [s.spaceId, s]));
  const lotIndex = new Map(city.lots.map((l, i) => [l.id, i]));
  const n = city.spaces.length;
  const typeIndex = new Map<string, number>();
  const typeNames: string[] = [];
  const keyIndex = new Map<string, number>();
  const policyKeys: string[] = [];
  const reps: RuleBookSpace[] = [];
  const p: PackedCatalog = {
    currency: city.city.currency,
    timeZone: city.city.timeZone,
    lots: catalogLots(city),
    signs: catalogSigns(city),
    ruleInput: { ...input, spaces: reps },
    size: n,
    idChunks: [],
    sensorChunks: [],
    typeNames,
    typeOf: new Int32Array(n),
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    lotOf: new Int32Array(n).fill(-1),
    staleMs: new Float64Array(n),
    policyOf: new Int32Array(n),
    policyKeys,
    representatives: [],
  };
  let ids: string[] = [];
  let sensors: string[] = [];
  city.spaces.forEach((s, i) => {
    const sensor = sensorOf.get(s.id);
    const model = sensor ? models.get(sensor.modelId) : undefined;
    ids.push(s.id);
    sensors.push(sensor?.id ?? '');
    let t = typeIndex.get(s.type);
    if (t === undefined) typeIndex.set(s.type, (t = typeNames.push(s.type) - 1));
    p.typeOf[i] = t;
    p.lat[i] = s.lat;
    p.lon[i] = s.lon;
    p.lotOf[i] = lotIndex.get(s.lotId) ?? -1;
    p.staleMs[i] = model ? staleLimitS(model) * 1000 : NaN;
    const key = book.hasSpace(s.id) ? book.policyKey(s.id) : s.id;
    let k = keyIndex.get(key);
    if (k === undefined) {
      keyIndex.set(key, (k = policyKeys.push(key) - 1));
      reps.push(s);
      p.representatives.push(s.id);
    }
    p.policyOf[i] = k;
    if (ids.length === PACK_CHUNK || i === n - 1) {
      p.idChunks.push(ids.join('\n'));
      p.sensorChunks.push(sensors.join('\n'));
      ids = [];
      sensors = [];
    }
  });
  return p;
}

/**
 * Turns a packed catalog into the replica's catalog on the main thread, one chunk of spaces per
 * turn of the event loop (`pause` between chunks), so that requests keep being answered.
 */
export async function unpackCatalog(
  p: PackedCatalog,
  pause: () => Promise<void>,
): Promise<GuidanceCatalog> {
  const n = p.size;
  const ids = new Array<string>(n);
  const sensorIds = new Array<string | null>(n);
  const types = new Array<string>(n);
  const policy = new Array<string>(n);
  const index = new Map<string, number>();
  const lotIndex = new Map<string, number>();
  p.lots.forEach((l, i) => lotIndex.set(l.id, i));
  const lotSpaces: number[][] = p.lots.map(() => []);
  for (let c = 0; c < p.idChunks.length; c++) {
    const chunkIds = p.idChunks[c].split('\n');
    const chunkSensors = p.sensorChunks[c].split('\n');
    const base = c * PACK_CHUNK;
    for (let k = 0; k < chunkIds.length; k++) {
      const i = base + k;
      const id = chunkIds[k];
      ids[i] = id;
      index.set(id, i);
      sensorIds[i] = chunkSensors[k] === '' ? null : chunkSensors[k];
      types[i] = p.typeNames[p.typeOf[i]];
      policy[i] = p.policyKeys[p.policyOf[i]];
      const lot = p.lotOf[i];
      if (lot >= 0) lotSpaces[lot].push(i);
    }
    await pause();
  }
  const statics = SpaceTable.fromColumns({
    lots: p.lots,
    lotIndex,
    lotSpaces,
    ids,
    types,
    sensorIds,
    policy,
    policyOf: p.policyOf,
    policyKeys: p.policyKeys,
    index,
    lat: p.lat,
    lon: p.lon,
    lotOf: p.lotOf,
    catalogStaleMs: p.staleMs,
  });
  await pause();
  const reps = p.representatives;
  const policyOf = p.policyOf;
  const keys = p.policyKeys;
  const spaces: RepresentativeSpaces = {
    representativeOf: (spaceId) => {
      const i = index.get(spaceId);
      return i === undefined ? undefined : reps[policyOf[i]];
    },
    policyKeyOf: (spaceId) => {
      const i = index.get(spaceId);
      return i === undefined ? undefined : keys[policyOf[i]];
    },
  };
  return {
    currency: p.currency,
    timeZone: p.timeZone,
    lots: p.lots,
    spaces: [],
    signs: p.signs,
    policy: new DomainGuidancePolicy(p.ruleInput, spaces),
    statics,
  };
}
