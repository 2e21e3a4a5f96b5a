import { BadParameterError } from '@app/domain';
import type { LotView, OpenDataView } from '../open-data-view';

export const GEOJSON_SPACES_LIMIT_DEFAULT = 1000;
export const GEOJSON_SPACES_LIMIT_MAX = 10_000;

export interface Bbox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

function point(lat: number, lon: number) {
  return { type: 'Point' as const, coordinates: [lon, lat] };
}

/** Every lot with its live counts and status (RFC 7946 FeatureCollection). */
export function lotsFeatureCollection(lots: LotView[], asOf: string) {
  return {
    type: 'FeatureCollection' as const,
    asOf,
    features: lots.map((l) => ({
      type: 'Feature' as const,
      id: l.lotId,
      geometry: point(l.lat, l.lon),
      properties: {
        name: l.name,
        zoneId: l.zoneId,
        category: l.category,
        capacity: l.capacity,
        status: l.status,
        free: l.free,
        occupied: l.occupied,
        unknown: l.unknown,
        reserved: l.reserved,
      },
    })),
  };
}

/** `bbox=minLon,minLat,maxLon,maxLat` (the RFC 7946 order). */
export function parseBbox(raw: unknown): Bbox {
  const parts = typeof raw === 'string' ? raw.split(',').map((s) => Number(s.trim())) : [];
  const [minLon, minLat, maxLon, maxLat] = parts;
  const ok =
    parts.length === 4 &&
    parts.every(Number.isFinite) &&
    Math.abs(minLat) <= 90 &&
    Math.abs(maxLat) <= 90 &&
    Math.abs(minLon) <= 180 &&
    Math.abs(maxLon) <= 180 &&
    minLat <= maxLat &&
    minLon <= maxLon;
  if (!ok) throw new BadParameterError('bbox', 'must be minLon,minLat,maxLon,maxLat in degrees');
  return { minLon, minLat, maxLon, maxLat };
}

export function parseLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return GEOJSON_SPACES_LIMIT_DEFAULT;
  const v = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(v >= 1 && v <= GEOJSON_SPACES_LIMIT_MAX)) {
    throw new BadParameterError(
      'limit',
      `must be an integer from 1 to ${GEOJSON_SPACES_LIMIT_MAX}`,
    );
  }
  return v;
}

/**
 * The spaces free for the general public now inside a bbox (the nearby search's rule: fresh
 * sensor, reported free, public access), at most `limit`; `truncated` says when more matched.
 */
export function freeSpacesFeatureCollection(
  view: OpenDataView,
  box: Bbox,
  limit: number,
  nowMs: number,
) {
  const features = [];
  let truncated = false;
  if (view.ready) {
    const spot = view.spots(nowMs);
    for (let i = 0; i < view.spaceCount; i++) {
      const lat = view.spaceLat(i);
      const lon = view.spaceLon(i);
      if (lat < box.minLat || lat > box.maxLat || lon < box.minLon || lon > box.maxLon) continue;
      const s = spot(i);
      if (s.status !== 'free') continue;
      if (features.length >= limit) {
        truncated = true;
        break;
      }
      features.push({
        type: 'Feature' as const,
        id: s.id,
        geometry: point(lat, lon),
        properties: { lotId: s.lotId, type: s.type },
      });
    }
  }
  return {
    type: 'FeatureCollection' as const,
    asOf: new Date(nowMs).toISOString(),
    bbox: [box.minLon, box.minLat, box.maxLon, box.maxLat],
    truncated,
    features,
  };
}
