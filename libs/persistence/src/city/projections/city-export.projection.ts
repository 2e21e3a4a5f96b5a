import { CITY_FILE_VERSION, CityFile } from '@app/domain';
import type { CitySql } from './city-sql';

type Calendar = CityFile['calendar'];

/** Drops null fields so optional values read back exactly as the file omits them. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === null) delete o[k];
  return o;
}

const ORDER = 'ORDER BY id COLLATE "C"';

/** Reads the stored city back into the city file format, in canonical order. */
export async function readCityExport(sql: CitySql): Promise<CityFile> {
  const rows = <T extends object>(text: string): Promise<T[]> => sql<T>(text);
  const bodies = async <T>(table: string): Promise<T[]> =>
    (await rows<{ body: T }>(`SELECT body FROM ${table} ${ORDER}`)).map((r) => r.body);

  const settings = new Map(
    (await rows<{ key: string; value: unknown }>('SELECT key, value FROM city_settings')).map(
      (r) => [r.key, r.value],
    ),
  );
  const days = await rows<{ date: string; kind: string; name: string | null }>(
    'SELECT date::text AS date, kind, name FROM calendar_days ORDER BY date',
  );
  const namedDays = (kind: string): Calendar['holidays'] =>
    days
      .filter((d) => d.kind === kind)
      .map((d) => (d.name === null ? { date: d.date } : { date: d.date, name: d.name }));
  const gatewaysOf = new Map<string, string[]>();
  for (const r of await rows<{ sensor_id: string; gateway_id: string }>(
    'SELECT sensor_id, gateway_id FROM sensor_gateways ORDER BY sensor_id, position, gateway_id',
  )) {
    const list = gatewaysOf.get(r.sensor_id) ?? [];
    list.push(r.gateway_id);
    gatewaysOf.set(r.sensor_id, list);
  }

  return {
    version: CITY_FILE_VERSION,
    city: {
      name: String(settings.get('name') ?? ''),
      timeZone: String(settings.get('time_zone') ?? 'Asia/Shanghai'),
      currency: String(settings.get('currency') ?? 'CNY'),
    },
    calendar: {
      holidays: namedDays('holiday'),
      adjustedWorkingDays: namedDays('adjusted_working_day'),
      schoolVacations: (
        await rows<Calendar['schoolVacations'][number]>(
          `SELECT id, name, date_from::text AS "from", date_to::text AS "to"
             FROM school_vacations ${ORDER}`,
        )
      ).map(compact),
    },
    pricingTiers: await bodies('pricing_tiers'),
    rules: await bodies('rules'),
    exemptions: await bodies('exemptions'),
    sensorModels: (
      await rows<CityFile['sensorModels'][number]>(
        `SELECT id, name, heartbeat_interval_s AS "heartbeatIntervalS",
                stale_grace_s AS "staleGraceS", low_battery_mv AS "lowBatteryMv"
           FROM sensor_models ${ORDER}`,
      )
    ).map(compact),
    zones: (
      await rows<CityFile['zones'][number]>(
        `SELECT id, name, pricing_tier_id AS "pricingTierId", officer FROM zones ${ORDER}`,
      )
    ).map(compact),
    lots: (
      await rows<CityFile['lots'][number]>(
        `SELECT id, zone_id AS "zoneId", name, category, capacity, lat, lon,
                public_hours AS "publicHours", valid_from::text AS "validFrom",
                valid_to::text AS "validTo", pricing_tier_id AS "pricingTierId",
                rule_ids AS "ruleIds", closed, almost_full_ratio AS "almostFullRatio"
           FROM lots ${ORDER}`,
      )
    ).map(compact),
    spaces: await rows<CityFile['spaces'][number]>(
      `SELECT id, lot_id AS "lotId", type, lat, lon, rule_ids AS "ruleIds" FROM spaces ${ORDER}`,
    ),
    gateways: (
      await rows<CityFile['gateways'][number]>(
        `SELECT id, name, secret_hash AS "secretHash" FROM gateways ${ORDER}`,
      )
    ).map(compact),
    sensors: (
      await rows<Omit<CityFile['sensors'][number], 'gatewayIds'>>(
        `SELECT id, model_id AS "modelId", space_id AS "spaceId" FROM sensors ${ORDER}`,
      )
    ).map((s) => ({ ...s, gatewayIds: gatewaysOf.get(s.id) ?? [] })),
    signs: await bodies('signs'),
  };
}
