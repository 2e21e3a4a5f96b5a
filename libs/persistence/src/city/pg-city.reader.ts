import type { CityFile, RuleBookInput } from '@app/domain';
import type { SensorInfo } from '@app/ingestion';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { readCatalogCity } from './projections/city-catalog.projection';
import { readCityExport } from './projections/city-export.projection';
import type { CitySql } from './projections/city-sql';
import { readRuleBookInput } from './projections/rule-book.projection';
import { readSensors } from './projections/sensor.projection';

/**
 * The one reader of the city tables (the shared database contract), one method per projection.
 * Works on a TypeORM DataSource or EntityManager (a transaction) or a pg Pool.
 */
export class PgCityReader {
  constructor(private readonly sql: CitySql) {}

  static of(db: DataSource | EntityManager): PgCityReader {
    return new PgCityReader(<T>(text: string) => db.query(text) as Promise<T[]>);
  }

  static ofPool(pool: Pool): PgCityReader {
    return new PgCityReader(async <T>(text: string) => (await pool.query(text)).rows as T[]);
  }

  /** The stored city as a city file in canonical order (export; equal to what was imported). */
  cityFile(): Promise<CityFile> {
    return readCityExport(this.sql);
  }

  /** The city re-validated with defaults applied (guidance's catalog and rule book). */
  catalogCity(): Promise<CityFile> {
    return readCatalogCity(this.sql);
  }

  /** The rules engine's input (enforcement). */
  ruleBookInput(): Promise<RuleBookInput> {
    return readRuleBookInput(this.sql);
  }

  /** Every sensor with its place, stale limit and gateways (ingest). */
  sensors(): Promise<SensorInfo[]> {
    return readSensors(this.sql);
  }
}
