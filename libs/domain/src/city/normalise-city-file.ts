import { CityFile } from './city-file.schema';

const byId = <T extends { id: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const byDate = <T extends { date: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/**
 * The canonical form of a parsed city file: every collection ordered by id (calendar days by
 * date, code-unit order like PostgreSQL's "C" collation), defaults filled in by the schema.
 * Export produces this form, so `normalise(parse(file))` equals what an import then export gives.
 */
export function normaliseCityFile(city: CityFile): CityFile {
  return {
    ...city,
    calendar: {
      holidays: byDate(city.calendar.holidays),
      adjustedWorkingDays: byDate(city.calendar.adjustedWorkingDays),
      schoolVacations: byId(city.calendar.schoolVacations),
    },
    pricingTiers: byId(city.pricingTiers),
    rules: byId(city.rules),
    exemptions: byId(city.exemptions),
    sensorModels: byId(city.sensorModels),
    zones: byId(city.zones),
    lots: byId(city.lots),
    spaces: byId(city.spaces),
    gateways: byId(city.gateways),
    sensors: byId(city.sensors),
    signs: byId(city.signs),
  };
}
