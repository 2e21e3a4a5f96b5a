const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Metres per degree of latitude (and of longitude at the equator) on the mean Earth sphere. */
export const METRES_PER_DEGREE = EARTH_RADIUS_M * RAD;

/**
 * Equirectangular distance in metres, scaled at the first point's latitude (the query's, so one
 * cosine serves a whole search): within 0.1 % of haversine over the <= 5 km radii guidance uses
 * outside polar regions, and several times cheaper.
 */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const x = (lon2 - lon1) * Math.cos(lat1 * RAD);
  const y = lat2 - lat1;
  return Math.sqrt(x * x + y * y) * METRES_PER_DEGREE;
}

export function cosDeg(deg: number): number {
  return Math.cos(deg * RAD);
}
