/**
 * A driver app written against the types generated from /v1/openapi.json (the e2e test
 * generates them and type-checks this file; see docs/api.md "Generating a client").
 */
import type { paths } from '@parking/api-types';

type NearbyOp = paths['/v1/spaces/nearby']['get'];
export type NearbyQuery = NonNullable<NearbyOp['parameters']['query']>;
export type NearbySpaces = NearbyOp['responses'][200]['content']['application/json'];
type LotOp = paths['/v1/lots/{lotId}']['get'];
export type Lot = LotOp['responses'][200]['content']['application/json'];
export type ApiError = LotOp['responses'][404]['content']['application/json'];
type LotsNearby = paths['/v1/lots/nearby']['get']['responses'][200]['content']['application/json'];

export interface Suggestion {
  spaceId: string;
  lotName: string;
  lotStatus: Lot['status'];
  freeInLot: number;
  walkM: number;
  pricePerHour: number | null;
  usableUntil: Date | null;
}

function query(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  return p.toString();
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) {
    const e = (await res.json()) as ApiError;
    throw new Error(`${res.status} ${e.error}: ${e.message}`);
  }
  return (await res.json()) as T;
}

/** The nearest free space that stays usable for the planned stay, with its lot's status. */
export async function suggestSpace(
  base: string,
  where: { lat: number; lon: number },
  stayMin: number,
): Promise<Suggestion | null> {
  const q: NearbyQuery = { lat: where.lat, lon: where.lon, radius: 300, limit: 5, stay: stayMin };
  const nearby = await getJson<NearbySpaces>(`${base}/v1/spaces/nearby?${query(q)}`);
  const first = nearby.items[0];
  if (!first || first.lotId === null) return null;
  const lot = await getJson<Lot>(`${base}/v1/lots/${encodeURIComponent(first.lotId)}`);
  return {
    spaceId: first.spaceId,
    lotName: lot.name,
    lotStatus: lot.status,
    freeInLot: lot.free,
    walkM: Math.round(first.distanceM),
    pricePerHour: first.pricePerHour,
    usableUntil: first.usableUntil === null ? null : new Date(first.usableUntil),
  };
}

/** Lot names with a free count, for a map overlay; lots without a number show '--'. */
export async function lotBadges(base: string, lat: number, lon: number): Promise<string[]> {
  const lots = await getJson<LotsNearby>(`${base}/v1/lots/nearby?${query({ lat, lon })}`);
  return lots.items.map((l) => {
    switch (l.status) {
      case 'unknown':
      case 'closed':
        return `${l.name} --`;
      case 'full':
        return `${l.name} FULL`;
      case 'open':
      case 'almost_full':
        return `${l.name} ${l.free}`;
    }
  });
}

// The generated types are precise: these must not compile.
// @ts-expect-error `radiusKm` is not a parameter of /v1/spaces/nearby
export const wrongParam: NearbyQuery = { lat: 30.27, lon: 120.15, radiusKm: 1 };
// @ts-expect-error a lot status is one of open, almost_full, full, closed, unknown
export const wrongStatus: Lot['status'] = 'half_full';
