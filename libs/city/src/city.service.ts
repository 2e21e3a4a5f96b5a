import { Injectable } from '@nestjs/common';
import {
  CityFile,
  CityValidation,
  normaliseCityFile,
  parseCityFile,
  validateCityFile,
} from '@app/domain';
import { CityImportCounts, CityStore } from './ports/city-store.port';

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
  async import(input: unknown): Promise<CityImportCounts> {
    const city = normaliseCityFile(parseCityFile(input));
    return this.store.replaceCity(city);
  }

  async export(): Promise<CityFile> {
    return this.store.readCity();
  }
}
