import type {
  Exemption,
  PricingTier,
  Rule,
  RuleBookInput,
  RuleBookLot,
  RuleBookSpace,
  TimeWindow,
} from '@app/domain';
import type { CitySql } from './city-sql';

interface LotRow {
  id: string;
  zone_id: string;
  category: string;
  public_hours: TimeWindow[] | null;
  valid_from: string | null;
  valid_to: string | null;
  pricing_tier_id: string | null;
  rule_ids: string[];
  closed: boolean;
}

/** Reads the city tables (shared DB contract) into the rules engine's input. */
export async function readRuleBookInput(sql: CitySql): Promise<RuleBookInput> {
  const [settings, tiers, rules, exemptions, days, vacations, zones, lots, spaces] =
    await Promise.all([
      sql(`SELECT key, value FROM city_settings`) as Promise<{ key: string; value: unknown }[]>,
      sql(`SELECT body FROM pricing_tiers`) as Promise<{ body: PricingTier }[]>,
      sql(`SELECT body FROM rules`) as Promise<{ body: Rule }[]>,
      sql(`SELECT body FROM exemptions`) as Promise<{ body: Exemption }[]>,
      sql(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days`) as Promise<
        { date: string; kind: string; name: string | null }[]
      >,
      sql(
        `SELECT id, name, to_char(date_from, 'YYYY-MM-DD') AS from,
                to_char(date_to, 'YYYY-MM-DD') AS to FROM school_vacations`,
      ) as Promise<{ id: string; name: string | null; from: string; to: string }[]>,
      sql(`SELECT id, pricing_tier_id FROM zones`) as Promise<
        { id: string; pricing_tier_id: string }[]
      >,
      sql(
        `SELECT id, zone_id, category, public_hours, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
                to_char(valid_to, 'YYYY-MM-DD') AS valid_to, pricing_tier_id, rule_ids, closed
         FROM lots`,
      ) as Promise<LotRow[]>,
      sql(`SELECT id, lot_id, rule_ids FROM spaces`) as Promise<
        { id: string; lot_id: string; rule_ids: string[] }[]
      >,
    ]);
  const setting = (k: string) => settings.find((s) => s.key === k)?.value;
  const named = (d: { date: string; name: string | null }) =>
    d.name === null ? { date: d.date } : { date: d.date, name: d.name };
  return {
    timeZone:
      typeof setting('time_zone') === 'string' ? (setting('time_zone') as string) : undefined,
    currency: typeof setting('currency') === 'string' ? (setting('currency') as string) : undefined,
    calendar: {
      holidays: days.filter((d) => d.kind === 'holiday').map(named),
      adjustedWorkingDays: days.filter((d) => d.kind === 'adjusted_working_day').map(named),
      schoolVacations: vacations.map((v) => ({
        id: v.id,
        from: v.from,
        to: v.to,
        ...(v.name === null ? {} : { name: v.name }),
      })),
    },
    pricingTiers: tiers.map((t) => t.body),
    rules: rules.map((r) => r.body),
    exemptions: exemptions.map((e) => e.body),
    zones: zones.map((z) => ({ id: z.id, pricingTierId: z.pricing_tier_id })),
    lots: lots.map((l): RuleBookLot => ({
      id: l.id,
      zoneId: l.zone_id,
      category: l.category,
      publicHours: l.public_hours ?? undefined,
      validFrom: l.valid_from ?? undefined,
      validTo: l.valid_to ?? undefined,
      pricingTierId: l.pricing_tier_id ?? undefined,
      ruleIds: l.rule_ids,
      closed: l.closed,
    })),
    spaces: spaces.map((s): RuleBookSpace => ({ id: s.id, lotId: s.lot_id, ruleIds: s.rule_ids })),
  };
}
