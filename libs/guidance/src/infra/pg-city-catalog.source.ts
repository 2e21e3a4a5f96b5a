import { Client } from 'pg';
import { Observable, Subject } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { GuidanceCatalog } from '../ports/catalog.types';
import { CityCatalogSource } from '../ports/city-catalog.source';
import { catalogFromCity } from './catalog-from-city';
import { readCityTables } from './pg-city.reader';

export const CITY_CHANGED_CHANNEL = 'city_changed';

/**
 * The city tables as a catalog source. Changes arrive by PostgreSQL `NOTIFY city_changed` on a
 * dedicated LISTEN connection; after that connection is re-established a change is signalled too,
 * since notifications sent while it was down are lost.
 */
export class PgCityCatalogSource extends CityCatalogSource {
  private readonly changed = new Subject<void>();
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly ds: DataSource,
    private readonly dbUrl: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    super();
  }

  async load(): Promise<GuidanceCatalog> {
    return catalogFromCity(await readCityTables(this.ds));
  }

  changes(): Observable<void> {
    return this.changed.asObservable();
  }

  /** Opens the LISTEN connection (retried in the background when it fails). */
  async listen(): Promise<void> {
    await this.connect(false);
  }

  override async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = null;
    this.changed.complete();
    if (c) await c.end().catch(() => undefined);
  }

  private async connect(signal: boolean, attempt = 0): Promise<void> {
    if (this.closed) return;
    const c = new Client({ connectionString: this.dbUrl, application_name: 'guidance-listen' });
    c.on('notification', (n) => {
      if (n.channel === CITY_CHANGED_CHANNEL) this.changed.next();
    });
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c, new Error('connection ended')));
    try {
      await c.connect();
      await c.query(`LISTEN ${CITY_CHANGED_CHANNEL}`);
      if (this.closed) {
        await c.end();
        return;
      }
      this.client = c;
      if (signal) this.changed.next();
    } catch (err) {
      this.onError(err);
      await c.end().catch(() => undefined);
      this.retry(attempt + 1);
    }
  }

  private lost(c: Client, err: unknown): void {
    if (this.closed || this.client !== c) return;
    this.client = null;
    this.onError(err);
    void c.end().catch(() => undefined);
    this.retry(0);
  }

  private retry(attempt: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.connect(true, attempt);
      },
      Math.min(10_000, 250 * 2 ** attempt),
    );
  }
}
