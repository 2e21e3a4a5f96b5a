import { CityFile } from '@app/domain';

/** Per-table effect of an import; `unchanged` rows were in the file and already equal. */
export interface TableCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export interface CityImportCounts {
  tables: Record<string, TableCounts>;
  total: TableCounts;
  /** True when the database already equalled the file (nothing written, no notification). */
  unchanged: boolean;
}

/** Receives one line per phase of long work (for a CLI's progress output). */
export type ImportProgress = (phase: string) => void;

/** Where the city lives (PostgreSQL in production). */
export abstract class CityStore {
  /** Makes the stored city equal to `city` in one transaction and notifies `city_changed`. */
  abstract replaceCity(city: CityFile, progress?: ImportProgress): Promise<CityImportCounts>;
  /** The stored city in canonical form (see normaliseCityFile). */
  abstract readCity(): Promise<CityFile>;
}
