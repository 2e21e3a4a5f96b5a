import {
  officialCalendar,
  SAMPLE_EXEMPTIONS,
  SAMPLE_MODEL,
  SAMPLE_PRICING_TIERS,
  SAMPLE_RULE,
  SAMPLE_RULES,
  SAMPLE_SCHOOL_VACATIONS,
  SAMPLE_SENSOR_MODELS,
  SAMPLE_TIER,
} from '@app/city/sample';
import {
  calendarSchema,
  exemptionSchema,
  pricingTierSchema,
  ruleSchema,
  sensorModelSchema,
  type CityFile,
} from '@app/domain';

type Part<K extends keyof CityFile> = CityFile[K];

/*
 * The generated city uses the shipped sample's catalogue (@app/city/sample), written out in full
 * (every defaulted field), so the sample and the simulator cannot disagree on rules or prices.
 */

/** Tier ids by how central a zone is; lots of some categories use their own tier. */
export const TIER = {
  central: SAMPLE_TIER.core,
  inner: SAMPLE_TIER.inner,
  outskirts: SAMPLE_TIER.outer,
  institutional: SAMPLE_TIER.shared,
  temporary: SAMPLE_TIER.temporary,
} as const;

export const RULE = {
  residentNight: SAMPLE_RULE.residentsNight,
  hospitalShort: SAMPLE_RULE.hospitalShortStay,
  schoolShort: SAMPLE_RULE.schoolGateShortStay,
  tidal: SAMPLE_RULE.schoolTidal,
  streetCleaning: SAMPLE_RULE.streetCleaning,
} as const;

/** Sensor models in the fleet's mix: half 10-minute, 30 % 5-minute, 20 % 15-minute heartbeats. */
export const MODEL_MIX: ReadonlyArray<[share: number, modelId: string]> = [
  [0.5, SAMPLE_MODEL.radar],
  [0.3, SAMPLE_MODEL.geomagnetic],
  [0.2, SAMPLE_MODEL.dual],
];

export function pricingTiers(): Part<'pricingTiers'> {
  return SAMPLE_PRICING_TIERS.map((t) => pricingTierSchema.parse(t));
}

/** The catalogue's rules that generated lots use (every rule in a generated city is used). */
export function rules(): Part<'rules'> {
  const used = new Set<string>(Object.values(RULE));
  return SAMPLE_RULES.filter((r) => used.has(r.id)).map((r) => ruleSchema.parse(r));
}

export function exemptions(): Part<'exemptions'> {
  return SAMPLE_EXEMPTIONS.map((e) => exemptionSchema.parse(e));
}

export function sensorModels(): Part<'sensorModels'> {
  return SAMPLE_SENSOR_MODELS.map((m) => sensorModelSchema.parse(m));
}

/** Official holidays and adjusted working days from chinese-days (never invented), plus the sample's school vacations. */
export function calendar(): Part<'calendar'> {
  return calendarSchema.parse({
    ...officialCalendar(2025, 2026),
    schoolVacations: SAMPLE_SCHOOL_VACATIONS,
  });
}
