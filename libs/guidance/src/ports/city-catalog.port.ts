import type { Observable } from 'rxjs';
import type { GuidanceCatalog } from './catalog.types';

/** The city tables seen from guidance (port): a full load, and a signal when they changed. */
export abstract class CityCatalogSource {
  abstract load(): Promise<GuidanceCatalog>;
  abstract changes(): Observable<void>;
  /** Releases connections (LISTEN); the default has none. */
  async close(): Promise<void> {}
}
