import { Injectable } from '@nestjs/common';
import { CityImportCounts, CityStore, ImportProgress, TableCounts } from '@app/city';
import { CityFile } from '@app/domain';
import { DataSource } from 'typeorm';
import { isBulkImport, suspendForeignKeys } from './bulk-foreign-keys';
import { bulkUpsert, deleteMissing } from './bulk-upsert';
import { CITY_TABLES, CityTable, cityToRows } from './city-tables';
import { CITY_CHANGED_CHANNEL } from './city-channel';
import { PgCityReader } from './pg-city.reader';

/** Serialises imports: two administrators importing at once must not interleave. */
const IMPORT_LOCK = 7_264_003;

/**
 * The city in PostgreSQL. A full import makes the tables equal to the file: rows of the file are
 * upserted (only changed rows are written), rows not in the file are deleted, all in one
 * transaction with the foreign keys checked at commit; then `NOTIFY city_changed`.
 */
@Injectable()
export class PgCityStore extends CityStore {
  /** This many new spaces switch the import to bulk foreign-key validation. */
  bulkThreshold = 20_000;

  constructor(private readonly ds: DataSource) {
    super();
  }

  async replaceCity(city: CityFile, progress?: ImportProgress): Promise<CityImportCounts> {
    const rows = cityToRows(city);
    const order = Object.keys(CITY_TABLES) as CityTable[];
    progress?.('waiting for the import lock');
    return this.ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      progress?.(`writing ${order.length} tables (one transaction)`);
      await em.query('SET CONSTRAINTS ALL DEFERRED');
      const restoreKeys = (await isBulkImport(em, rows.spaces.length, this.bulkThreshold))
        ? await suspendForeignKeys(em)
        : undefined;
      const tables = {} as Record<CityTable, TableCounts>;
      for (const t of order) {
        const r = await bulkUpsert(em, CITY_TABLES[t], rows[t]);
        tables[t] = { ...r, deleted: 0, unchanged: rows[t].length - r.inserted - r.updated };
      }
      progress?.('deleting rows missing from the file');
      for (const t of [...order].reverse()) {
        if (CITY_TABLES[t].deleteMissing) {
          tables[t].deleted = await deleteMissing(em, CITY_TABLES[t], rows[t]);
        }
      }
      if (restoreKeys) {
        progress?.('validating foreign keys');
        await restoreKeys();
      }
      const total: TableCounts = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
      for (const c of Object.values(tables)) {
        total.inserted += c.inserted;
        total.updated += c.updated;
        total.deleted += c.deleted;
        total.unchanged += c.unchanged;
      }
      const unchanged = total.inserted + total.updated + total.deleted === 0;
      if (!unchanged) {
        const payload = JSON.stringify({ at: new Date().toISOString(), ...total });
        await em.query('SELECT pg_notify($1, $2)', [CITY_CHANGED_CHANNEL, payload]);
      }
      progress?.('committing');
      return { tables, total, unchanged };
    });
  }

  async readCity(): Promise<CityFile> {
    return this.ds.transaction('REPEATABLE READ', (em) => PgCityReader.of(em).cityFile());
  }
}
