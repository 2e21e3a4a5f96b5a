import { CityFile, ruleBookInputOf, staleLimitS } from '@app/domain';
import type {
  CatalogLot,
  CatalogSign,
  CatalogSpace,
  GuidanceCatalog,
} from '../ports/catalog.types';
import { DomainGuidancePolicy } from './domain-guidance.policy';

/** Builds the guidance catalog (and compiles the rule book) from a whole city. */
export function catalogFromCity(city: CityFile): GuidanceCatalog {
  const models = new Map(city.sensorModels.map((m) => [m.id, m]));
  const sensorOf = new Map(city.sensors.map((s) => [s.spaceId, s]));
  const spaces: CatalogSpace[] = city.spaces.map((s) => {
    const sensor = sensorOf.get(s.id);
    const model = sensor ? models.get(sensor.modelId) : undefined;
    return {
      id: s.id,
      lotId: s.lotId,
      type: s.type,
      lat: s.lat,
      lon: s.lon,
      sensorId: sensor?.id ?? null,
      staleLimitS: model ? staleLimitS(model) : null,
    };
  });
  return {
    currency: city.city.currency,
    timeZone: city.city.timeZone,
    lots: catalogLots(city),
    spaces,
    signs: catalogSigns(city),
    policy: new DomainGuidancePolicy(ruleBookInputOf(city)),
  };
}

/** The catalog's lots of a city (the main-thread build and the worker's packed build share it). */
export function catalogLots(city: CityFile): CatalogLot[] {
  return city.lots.map((l) => ({
    id: l.id,
    zoneId: l.zoneId,
    name: l.name,
    category: l.category,
    capacity: l.capacity,
    lat: l.lat,
    lon: l.lon,
    almostFullRatio: l.almostFullRatio,
  }));
}

/** The catalog's signs of a city. */
export function catalogSigns(city: CityFile): CatalogSign[] {
  return city.signs.map((s) => ({ id: s.id, name: s.name, entries: s.entries }));
}
