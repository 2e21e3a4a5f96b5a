import { instantParam, numberParam, optionalIntParam, RawQuery, typeParam } from './query-params';

export const RADIUS_DEFAULT_M = 500;
export const RADIUS_MAX_M = 5000;
export const LIMIT_DEFAULT = 20;
export const LIMIT_MAX = 200;
export const STAY_MAX_MIN = 1440;
/** `eta`: minutes until the driver arrives (the forecast's arrival and the intents' ranking). */
export const ETA_MAX_MIN = 1440;

export interface NearbyQuery {
  lat: number;
  lon: number;
  radiusM: number;
  limit: number;
  type: string | null;
  atMs: number;
  stayMin: number | null;
  /**
   * The driver's own arrival (`eta`, minutes from now), when given: while intents are open the
   * answer is ranked by the chance each space is still free on arrival (`ArrivalRanking`). The
   * same parameter asks the forecast for the availability at arrival (libs/forecast).
   */
  etaMs?: number;
}

/** The point, radius and limit shared by the nearby space and lot searches. */
export function parsePointQuery(
  q: RawQuery,
): Pick<NearbyQuery, 'lat' | 'lon' | 'radiusM' | 'limit'> {
  return {
    lat: numberParam(q, 'lat', { min: -90, max: 90 }),
    lon: numberParam(q, 'lon', { min: -180, max: 180 }),
    radiusM: numberParam(q, 'radius', {
      min: 0,
      max: RADIUS_MAX_M,
      def: RADIUS_DEFAULT_M,
      minExclusive: true,
    }),
    limit: numberParam(q, 'limit', { min: 1, max: LIMIT_MAX, def: LIMIT_DEFAULT, integer: true }),
  };
}

/** Validates a nearby query string; throws BadParameterError naming the first bad parameter. */
export function parseNearbyQuery(q: RawQuery, nowMs: number): NearbyQuery {
  const parsed: NearbyQuery = {
    ...parsePointQuery(q),
    type: typeParam(q, 'type'),
    atMs: instantParam(q, 'at', nowMs),
    stayMin: optionalIntParam(q, 'stay', 1, STAY_MAX_MIN),
  };
  const etaMin = optionalIntParam(q, 'eta', 0, ETA_MAX_MIN);
  if (etaMin !== null) parsed.etaMs = nowMs + etaMin * 60_000;
  return parsed;
}
