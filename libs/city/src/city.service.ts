import { Injectable } from '@nestjs/common';
import {
  CityFile,
  CityValidation,
  normaliseCityFile,
  parseCityFile,
  validateCityFile,
} from '@app/domain';
import { CityImportCounts, CityStore, ImportProgress } from './ports/city-store.port';

/**
 * Import, export and validation of the city file. An import is all or nothing: the whole file is
 * validated first (every problem reported), then the stored city is made equal to it.
 */
@Injectable()
export class CityService {
  constructor(private readonly store: CityStore) {}

  validate(input: unknown): CityValidation {
    return validateCityFile(input);
  }

  /** Throws CityFileInvalidError (listing every problem) before touching the store. */
  async import(input: unknown, progress?: ImportProgress): Promise<CityImportCounts> {
    progress?.('validating');
    const city = normaliseCityFile(parseCityFile(input));
    progress?.(`valid: ${city.spaces.length} spaces, ${city.sensors.length} sensors`);
    return this.store.replaceCity(city, progress);
  }

  async export(): Promise<CityFile> {
    return this.store.readCity();
  }
}
