const METRES_PER_DEG_LAT = 111_320;

/** Offsets a coordinate by metres east/north (flat-earth approximation, fine at city scale). */
export function offsetMetres(
  lat: number,
  lon: number,
  east: number,
  north: number,
): { lat: number; lon: number } {
  const dLat = north / METRES_PER_DEG_LAT;
  const dLon = east / (METRES_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  return { lat: round6(lat + dLat), lon: round6(lon + dLon) };
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
