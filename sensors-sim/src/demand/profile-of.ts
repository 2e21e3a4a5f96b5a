import type { CityFile, LotCategory, Rule } from '@app/domain';
import type { DemandProfile } from './demand-profiles';

/** Infers who parks on a space from its lot category and the rules on the lot and the space. */
export function profileOf(category: LotCategory, rules: readonly Rule[]): DemandProfile {
  if (rules.some((r) => r.kind === 'tidal')) return 'tidal';
  const shortStay = rules.filter((r) => r.kind === 'short_stay').map((r) => r.maxStayMin);
  if (shortStay.length > 0) return Math.min(...shortStay) <= 20 ? 'school' : 'hospital';
  if (
    category === 'residential' ||
    rules.some((r) => r.kind === 'audience' && r.audience === 'residents')
  ) {
    return 'residential';
  }
  if (category === 'offstreet' || category === 'institutional') return 'office';
  if (category === 'temporary') return 'temporary';
  return 'commercial';
}

/** The demand profile of every space, in the city file's order. */
export function profilesOf(city: CityFile): DemandProfile[] {
  const rules = new Map(city.rules.map((r) => [r.id, r]));
  const lots = new Map(city.lots.map((l) => [l.id, l]));
  const pick = (ids: readonly string[]): Rule[] =>
    ids.map((id) => rules.get(id)).filter((r): r is Rule => r !== undefined);
  return city.spaces.map((s) => {
    const lot = lots.get(s.lotId);
    return profileOf(lot?.category ?? 'onstreet', pick([...(lot?.ruleIds ?? []), ...s.ruleIds]));
  });
}
