import { CityFile } from '@app/domain';
import { TableSpec } from './bulk-upsert';

const spec = (table: string, columns: string, key = ['id'], deleteMissing = true): TableSpec => ({
  table,
  key,
  deleteMissing,
  columns: columns.split(/\s+/).map((c) => {
    const [name, type] = c.split(':');
    return { name, type: (type ?? 'text') as TableSpec['columns'][number]['type'] };
  }),
});

/** The city tables in FK-safe insert order (deletes run in reverse). */
export const CITY_TABLES = {
  city_settings: spec('city_settings', 'key value:jsonb', ['key'], false),
  pricing_tiers: spec('pricing_tiers', 'id body:jsonb'),
  rules: spec('rules', 'id kind body:jsonb'),
  exemptions: spec('exemptions', 'id body:jsonb'),
  calendar_days: spec('calendar_days', 'date:date kind name', ['date']),
  school_vacations: spec('school_vacations', 'id name date_from:date date_to:date'),
  sensor_models: spec(
    'sensor_models',
    'id name heartbeat_interval_s:int stale_grace_s:int low_battery_mv:int',
  ),
  gateways: spec('gateways', 'id name secret_hash'),
  zones: spec('zones', 'id name pricing_tier_id officer:jsonb'),
  lots: spec(
    'lots',
    'id zone_id name category capacity:int lat:float8 lon:float8 public_hours:jsonb ' +
      'valid_from:date valid_to:date pricing_tier_id rule_ids:text[] closed:bool almost_full_ratio:real',
  ),
  spaces: spec('spaces', 'id lot_id type lat:float8 lon:float8 rule_ids:text[]'),
  sensors: spec('sensors', 'id model_id space_id'),
  sensor_gateways: spec('sensor_gateways', 'sensor_id gateway_id position:smallint', [
    'sensor_id',
    'gateway_id',
  ]),
  signs: spec('signs', 'id body:jsonb'),
} as const;

export type CityTable = keyof typeof CITY_TABLES;

/** Rows per table, each a tuple in the column order of CITY_TABLES. */
export function cityToRows(c: CityFile): Record<CityTable, unknown[][]> {
  return {
    city_settings: [
      ['name', c.city.name],
      ['time_zone', c.city.timeZone],
      ['currency', c.city.currency],
    ],
    pricing_tiers: c.pricingTiers.map((t) => [t.id, t]),
    rules: c.rules.map((r) => [r.id, r.kind, r]),
    exemptions: c.exemptions.map((e) => [e.id, e]),
    calendar_days: [
      ...c.calendar.holidays.map((d) => [d.date, 'holiday', d.name]),
      ...c.calendar.adjustedWorkingDays.map((d) => [d.date, 'adjusted_working_day', d.name]),
    ],
    school_vacations: c.calendar.schoolVacations.map((v) => [v.id, v.name, v.from, v.to]),
    sensor_models: c.sensorModels.map((m) => [
      m.id,
      m.name,
      m.heartbeatIntervalS,
      m.staleGraceS,
      m.lowBatteryMv,
    ]),
    gateways: c.gateways.map((g) => [g.id, g.name, g.secretHash]),
    zones: c.zones.map((z) => [z.id, z.name, z.pricingTierId, z.officer]),
    lots: c.lots.map((l) => [
      l.id,
      l.zoneId,
      l.name,
      l.category,
      l.capacity,
      l.lat,
      l.lon,
      l.publicHours,
      l.validFrom,
      l.validTo,
      l.pricingTierId,
      l.ruleIds,
      l.closed,
      l.almostFullRatio,
    ]),
    spaces: c.spaces.map((s) => [s.id, s.lotId, s.type, s.lat, s.lon, s.ruleIds]),
    sensors: c.sensors.map((s) => [s.id, s.modelId, s.spaceId]),
    sensor_gateways: c.sensors.flatMap((s) => s.gatewayIds.map((g, i) => [s.id, g, i])),
    signs: c.signs.map((s) => [s.id, s]),
  };
}
