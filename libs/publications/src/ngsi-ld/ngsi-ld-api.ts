import { NotFoundError } from '@app/domain';
import { distanceM } from '@app/guidance';
import type { LotView, OpenDataView } from '../open-data-view';
import type { Publisher } from '../publisher';
import {
  CONTEXT,
  EntityType,
  entityId,
  KeyValuesEntity,
  lotEntity,
  lotEntityType,
  normalized,
  parseEntityId,
  spotEntity,
  zoneEntity,
} from './ngsi-ld-entities';
import { matchesQ, NgsiLdQuery, parseNgsiLdQuery } from './ngsi-ld-query';

interface Candidate {
  id: string;
  d: number;
  make: () => KeyValuesEntity;
}

/** The read-only NGSI-LD subset: entity queries and retrieval over the live city. */
export class NgsiLdApi {
  constructor(
    private readonly view: OpenDataView,
    private readonly publisher: Publisher,
  ) {}

  /** `GET /ngsi-ld/v1/entities`: matching entities, nearest first for a `near` query. */
  query(raw: Record<string, unknown>, nowMs: number): object[] {
    const query = parseNgsiLdQuery(raw);
    const out: object[] = [];
    let skipped = 0;
    for (const c of this.candidates(query, nowMs)) {
      const e = c.make();
      if (!matchesQ(e, query.q)) continue;
      if (skipped++ < query.offset) continue;
      out.push(this.render(e, query.keyValues));
      if (out.length >= query.limit) break;
    }
    return out;
  }

  /** `GET /ngsi-ld/v1/entities/{id}`. */
  entity(id: string, keyValues: boolean, nowMs: number): object {
    const ref = parseEntityId(id);
    const hit = ref
      ? [...this.candidates(this.byId(ref.type, id), nowMs)].find((c) => c.id === id)
      : undefined;
    if (!hit) throw new NotFoundError('entity', id);
    return this.render(hit.make(), keyValues);
  }

  private byId(type: EntityType, id: string): NgsiLdQuery {
    return { types: [type], ids: [id], q: [], near: null, limit: 1, offset: 0, keyValues: true };
  }

  private render(e: KeyValuesEntity, keyValues: boolean): object {
    return { ...(keyValues ? e : normalized(e)), '@context': CONTEXT };
  }

  private candidates(query: NgsiLdQuery, nowMs: number): Iterable<Candidate> {
    if (!this.view.ready) return [];
    const wants = (t: EntityType) => !query.types || query.types.includes(t);
    const ids = query.ids ? new Set(query.ids) : null;
    const near = query.near;
    const dist = (lat: number, lon: number) => (near ? distanceM(near.lat, near.lon, lat, lon) : 0);
    const keep = (id: string, d: number) =>
      (!ids || ids.has(id)) && (!near || d <= near.maxDistanceM);
    const found: Candidate[] = [];
    const asOf = new Date(nowMs).toISOString();
    const lotTypes = wants('OffStreetParking') || wants('OnStreetParking');
    const lots = lotTypes || wants('ParkingGroup') ? this.view.lots(nowMs) : [];
    if (lotTypes) {
      for (const l of lots) {
        const type = lotEntityType(l.category);
        const id = entityId(type, l.lotId);
        const d = dist(l.lat, l.lon);
        if (wants(type) && keep(id, d)) {
          found.push({ id, d, make: () => lotEntity(l, asOf, this.publisher) });
        }
      }
    }
    if (wants('ParkingGroup')) {
      const zones = new Map<string, LotView[]>();
      for (const l of lots) zones.set(l.zoneId, [...(zones.get(l.zoneId) ?? []), l]);
      for (const [zoneId, members] of zones) {
        const e = zoneEntity(zoneId, members, this.publisher);
        const [lon, lat] = (e.location as { coordinates: number[] }).coordinates;
        if (keep(e.id, dist(lat, lon))) found.push({ id: e.id, d: dist(lat, lon), make: () => e });
      }
    }
    if (!wants('ParkingSpot')) return sorted(found, !!near);
    const spot = this.view.spots(nowMs);
    const make = (i: number) => () => spotEntity(spot(i), this.publisher);
    if (ids) {
      for (const id of ids) {
        const ref = parseEntityId(id);
        const i = ref?.type === 'ParkingSpot' ? this.view.spaceIndex(ref.localId) : undefined;
        if (i === undefined) continue;
        const d = dist(this.view.spaceLat(i), this.view.spaceLon(i));
        if (keep(id, d)) found.push({ id, d, make: make(i) });
      }
      return sorted(found, !!near);
    }
    if (near) {
      for (let i = 0; i < this.view.spaceCount; i++) {
        const d = dist(this.view.spaceLat(i), this.view.spaceLon(i));
        if (d <= near.maxDistanceM) found.push({ id: '', d, make: make(i) });
      }
      return sorted(found, true);
    }
    return allSpots(found, this.view.spaceCount, make);
  }
}

function sorted(c: Candidate[], byDistance: boolean): Candidate[] {
  return byDistance ? c.sort((a, b) => a.d - b.d) : c;
}

function* allSpots(
  first: Candidate[],
  count: number,
  make: (i: number) => () => KeyValuesEntity,
): Iterable<Candidate> {
  yield* first;
  for (let i = 0; i < count; i++) yield { id: '', d: 0, make: make(i) };
}
