import { cityFileSchema, CityFile } from '@app/domain';
import type { CitySql } from './city-sql';

type Row = Record<string, unknown>;

const date = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

function str(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/**
 * Reads the city tables (shared database contract) back into a validated city file. Dates are
 * selected as text so the process time zone never shifts them.
 */
export async function readCatalogCity(sql: CitySql): Promise<CityFile> {
  const q = (text: string) => sql<Row>(text);
  const [settings, tiers, rules, exemptions, days, vacations, models, zones, lots, spaces] =
    await Promise.all([
      q(`SELECT key, value FROM city_settings`),
      q(`SELECT id, body FROM pricing_tiers ORDER BY id`),
      q(`SELECT id, kind, body FROM rules ORDER BY id`),
      q(`SELECT id, body FROM exemptions ORDER BY id`),
      q(`SELECT ${date('date')} AS date, kind, name FROM calendar_days ORDER BY date`),
      q(
        `SELECT id, name, ${date('date_from')} AS "from", ${date('date_to')} AS "to" FROM school_vacations ORDER BY id`,
      ),
      q(`SELECT id, name, heartbeat_interval_s, stale_grace_s, low_battery_mv FROM sensor_models`),
      q(`SELECT id, name, pricing_tier_id FROM zones ORDER BY id`),
      q(
        `SELECT id, zone_id, name, category, capacity, lat, lon, public_hours, ${date('valid_from')} AS valid_from,
                ${date('valid_to')} AS valid_to, pricing_tier_id, rule_ids, closed, almost_full_ratio
           FROM lots ORDER BY id`,
      ),
      q(`SELECT id, lot_id, type, lat, lon, rule_ids FROM spaces ORDER BY id`),
    ]);
  const [sensors, signs] = await Promise.all([
    q(`SELECT s.id, s.model_id, s.space_id,
              coalesce(array_agg(g.gateway_id ORDER BY g.position) FILTER (WHERE g.gateway_id IS NOT NULL), '{}') AS gateway_ids
         FROM sensors s LEFT JOIN sensor_gateways g ON g.sensor_id = s.id GROUP BY s.id`),
    q(`SELECT id, body FROM signs ORDER BY id`),
  ]);
  const setting = new Map(settings.map((r) => [String(r.key), r.value]));
  // Spaces and sensors (the bulk: 135,000 rows each) were validated by the import and are
  // constrained by the tables; validating them again would block the event loop for seconds.
  const small = cityFileSchema.parse({
    version: 1,
    city: {
      name: str(setting.get('name')) ?? 'city',
      timeZone: str(setting.get('time_zone')),
      currency: str(setting.get('currency')),
    },
    calendar: {
      holidays: days
        .filter((d) => d.kind === 'holiday')
        .map((d) => ({ date: d.date, name: str(d.name) })),
      adjustedWorkingDays: days
        .filter((d) => d.kind === 'adjusted_working_day')
        .map((d) => ({ date: d.date, name: str(d.name) })),
      schoolVacations: vacations.map((v) => ({
        id: v.id,
        name: str(v.name),
        from: v.from,
        to: v.to,
      })),
    },
    pricingTiers: tiers.map((r) => ({ ...(r.body as object), id: r.id })),
    rules: rules.map((r) => ({ ...(r.body as object), id: r.id, kind: r.kind })),
    exemptions: exemptions.map((r) => ({ ...(r.body as object), id: r.id })),
    sensorModels: models.map((m) => ({
      id: m.id,
      name: str(m.name),
      heartbeatIntervalS: m.heartbeat_interval_s,
      staleGraceS: m.stale_grace_s,
      lowBatteryMv: m.low_battery_mv,
    })),
    zones: zones.map((z) => ({ id: z.id, name: z.name, pricingTierId: z.pricing_tier_id })),
    lots: lots.map((l) => ({
      id: l.id,
      zoneId: l.zone_id,
      name: l.name,
      category: l.category,
      capacity: l.capacity,
      lat: l.lat,
      lon: l.lon,
      publicHours: l.public_hours ?? undefined,
      validFrom: str(l.valid_from),
      validTo: str(l.valid_to),
      pricingTierId: str(l.pricing_tier_id),
      ruleIds: l.rule_ids,
      closed: l.closed,
      almostFullRatio: l.almost_full_ratio,
    })),
    signs: signs.map((r) => ({ ...(r.body as object), id: r.id })),
  });
  return {
    ...small,
    spaces: spaces.map((s) => ({
      id: String(s.id),
      lotId: String(s.lot_id),
      type: String(s.type),
      lat: Number(s.lat),
      lon: Number(s.lon),
      ruleIds: (s.rule_ids as string[] | null) ?? [],
    })),
    sensors: sensors.map((s) => ({
      id: String(s.id),
      modelId: String(s.model_id),
      spaceId: String(s.space_id),
      gatewayIds: s.gateway_ids as string[],
    })),
  };
}
