import type { LotCategory, SignDef } from '@app/domain';
import type { GuidancePolicy } from './guidance-policy.port';

/** A lot as guidance needs it (from the city tables). */
export interface CatalogLot {
  id: string;
  zoneId: string;
  name: string;
  category: LotCategory;
  capacity: number;
  lat: number;
  lon: number;
  almostFullRatio: number;
}

/** A space as guidance needs it; `staleLimitS` is null when no sensor watches it (always unknown). */
export interface CatalogSpace {
  id: string;
  lotId: string;
  type: string;
  lat: number;
  lon: number;
  sensorId: string | null;
  staleLimitS: number | null;
}

export type CatalogSign = Pick<SignDef, 'id' | 'name' | 'entries'>;

/** Everything static the guidance replica needs, with the compiled rule book. */
export interface GuidanceCatalog {
  currency: string;
  timeZone: string;
  lots: CatalogLot[];
  spaces: CatalogSpace[];
  signs: CatalogSign[];
  policy: GuidancePolicy;
  /**
   * The spaces already as static columns (a packed catalog built off the main thread); when
   * set, `spaces` is empty and the replica shares these columns instead of building them.
   */
  statics?: SpaceStatics;
}

/** The static columns of a table (shared by every table over the same catalog). */
export interface SpaceStatics {
  readonly lots: CatalogLot[];
  readonly lotIndex: Map<string, number>;
  readonly lotSpaces: number[][];
  readonly ids: string[];
  readonly types: string[];
  readonly sensorIds: (string | null)[];
  readonly policy: string[];
  readonly policyOf: Int32Array;
  readonly policyKeys: string[];
  readonly index: Map<string, number>;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly lotOf: Int32Array;
  /** The stale limits of the catalog (before any live record overrode them). */
  readonly catalogStaleMs: Float64Array;
}
