import { catalogFromCity, CityCatalogSource, GuidanceCatalog } from '@app/guidance';
import { map, Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { CityChangeListener } from './city-change.listener';
import { PgCityReader } from './pg-city.reader';

/**
 * The city tables as guidance's catalog source. Changes come from the process's one
 * CityChangeListener, which also signals after a reconnect (notifications sent meanwhile are lost).
 */
export class PgCityCatalogSource extends CityCatalogSource {
  constructor(
    private readonly ds: DataSource,
    private readonly listener: CityChangeListener,
  ) {
    super();
  }

  async load(): Promise<GuidanceCatalog> {
    return catalogFromCity(await PgCityReader.of(this.ds).catalogCity());
  }

  changes(): Observable<void> {
    return this.listener.changes().pipe(map(() => undefined));
  }
}
