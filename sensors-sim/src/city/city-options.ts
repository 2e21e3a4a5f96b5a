import type { ScryptParams } from '@app/security';

export interface CityOptions {
  seed: string;
  /** Number of spaces (one sensor each). */
  spaces: number;
  centre: { lat: number; lon: number };
  /** Sensors per gateway. */
  gatewaySize: number;
  /** Share of sensors also in range of a neighbouring gateway. */
  dualGatewayShare: number;
  /** Number of temporary lots on idle land (the real city had 21). */
  temporaryLots: number;
  /** Local date around which temporary lots are valid (a few are deliberately expired or not yet open). */
  referenceDate: string;
  /** Cheap scrypt cost: thousands of synthetic gateways must hash in a blink. */
  scrypt: ScryptParams;
  name?: string;
}

export const DEFAULT_CITY_OPTIONS: CityOptions = {
  seed: 'city',
  spaces: 135_000,
  centre: { lat: 30.12, lon: 104.63 },
  gatewaySize: 300,
  dualGatewayShare: 0.3,
  temporaryLots: 21,
  referenceDate: '2026-11-29',
  scrypt: { N: 1024, r: 8, p: 1 },
};

export const MIN_SPACES = 40;

export function resolveCityOptions(partial: Partial<CityOptions> = {}): CityOptions {
  const o = { ...DEFAULT_CITY_OPTIONS, ...partial };
  if (!Number.isInteger(o.spaces) || o.spaces < MIN_SPACES || o.spaces > 2_000_000) {
    throw new RangeError(`spaces must be an integer between ${MIN_SPACES} and 2000000`);
  }
  if (!Number.isInteger(o.gatewaySize) || o.gatewaySize < 1)
    throw new RangeError('gatewaySize must be >= 1');
  if (o.dualGatewayShare < 0 || o.dualGatewayShare > 1)
    throw new RangeError('dualGatewayShare must be in [0, 1]');
  if (Math.abs(o.centre.lat) > 85 || Math.abs(o.centre.lon) > 180)
    throw new RangeError('centre is not a coordinate');
  return o;
}
