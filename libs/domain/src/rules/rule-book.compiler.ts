import { compileWindow } from '../calendar/compiled-window';
import { DayContext } from '../calendar/day-context';
import { DomainError } from '../errors/domain.error';
import { TierPricing } from '../pricing/tier-pricing';
import { dayNumberOf } from '../time/local-date';
import { AccessProfile } from './access-profile';
import { AccessProfileDef } from './access-state';
import { CompiledRule, compileRule } from './compiled-rule';
import { RuleBookInput, RuleBookLot, SpaceHandle } from './rule-book.types';

export interface LotEntry {
  readonly lotId: string;
  readonly zoneId: string;
  readonly pricing: TierPricing | null;
  readonly profile: AccessProfile;
}

export interface SpaceEntry extends SpaceHandle {
  /** The book that issued the handle. */
  readonly book: object;
  readonly spaceId: string;
  readonly lotId: string;
  readonly zoneId: string;
  readonly pricing: TierPricing | null;
  readonly profile: AccessProfile;
}

export interface CompiledEntries {
  readonly lots: Map<string, LotEntry>;
  readonly spaces: Map<string, SpaceEntry>;
  readonly profileCount: number;
}

/**
 * Resolves lots and spaces to shared access profiles (one per distinct lot settings + rule ids)
 * and pricing tiers (the lot's, else its zone's). Throws DomainError on dangling ids.
 */
export function compileEntries(
  input: RuleBookInput,
  ctx: DayContext,
  reach: number,
  book: object,
): CompiledEntries {
  const lots = new Map<string, LotEntry>();
  const spaces = new Map<string, SpaceEntry>();
  const profiles = new Map<string, AccessProfile>();
  const rules = new Map<string, CompiledRule>();
  for (const r of input.rules ?? []) rules.set(r.id, compileRule(r));
  const tiers = new Map<string, TierPricing>();
  for (const t of input.pricingTiers ?? []) tiers.set(t.id, new TierPricing(t, ctx));
  const tierOf = (id: string | undefined, owner: string): TierPricing | null => {
    if (id === undefined) return null;
    const t = tiers.get(id);
    if (!t)
      throw new DomainError('validation_failed', `${owner} references unknown pricing tier ${id}`);
    return t;
  };
  const zones = new Map<string, TierPricing | null>();
  for (const z of input.zones ?? []) zones.set(z.id, tierOf(z.pricingTierId, `zone ${z.id}`));

  // once per lot, not per space: a city's spaces are 50x its lots
  const lotKeys = new Map<RuleBookLot, string>();
  const profileOf = (
    lot: RuleBookLot,
    ruleIds: readonly string[],
    owner: string,
  ): AccessProfile => {
    let lotKey = lotKeys.get(lot);
    if (lotKey === undefined) {
      lotKey = JSON.stringify([lot.closed ?? false, lot.validFrom, lot.validTo, lot.publicHours]);
      lotKeys.set(lot, lotKey);
    }
    const key = `${lotKey}|${ruleIds.join(',')}`;
    let p = profiles.get(key);
    if (!p) {
      const compiled = ruleIds.map((id) => {
        const r = rules.get(id);
        if (!r)
          throw new DomainError('validation_failed', `${owner} references unknown rule ${id}`);
        return r;
      });
      p = new AccessProfile(`P${profiles.size}`, lotProfileDef(lot, compiled), ctx, reach);
      profiles.set(key, p);
    }
    return p;
  };

  const lotDefs = new Map<string, RuleBookLot>();
  for (const lot of input.lots ?? []) {
    if (!zones.has(lot.zoneId)) {
      throw new DomainError(
        'validation_failed',
        `lot ${lot.id} references unknown zone ${lot.zoneId}`,
      );
    }
    lotDefs.set(lot.id, lot);
    lots.set(lot.id, {
      lotId: lot.id,
      zoneId: lot.zoneId,
      pricing: tierOf(lot.pricingTierId, `lot ${lot.id}`) ?? zones.get(lot.zoneId) ?? null,
      profile: profileOf(lot, [], `lot ${lot.id}`),
    });
  }
  for (const s of input.spaces ?? []) {
    const lot = lotDefs.get(s.lotId);
    const lotEntry = lots.get(s.lotId);
    if (!lot || !lotEntry) {
      throw new DomainError('validation_failed', `space ${s.id} references unknown lot ${s.lotId}`);
    }
    spaces.set(s.id, {
      book,
      spaceId: s.id,
      lotId: lot.id,
      zoneId: lot.zoneId,
      pricing: lotEntry.pricing,
      profile: profileOf(lot, [...(lot.ruleIds ?? []), ...(s.ruleIds ?? [])], `space ${s.id}`),
    });
  }
  return { lots, spaces, profileCount: profiles.size };
}

function lotProfileDef(lot: RuleBookLot, rules: readonly CompiledRule[]): AccessProfileDef {
  const hours = lot.publicHours ? lot.publicHours.map(compileWindow) : null;
  const validityText =
    lot.validFrom && lot.validTo
      ? `from ${lot.validFrom} to ${lot.validTo}`
      : lot.validFrom
        ? `from ${lot.validFrom}`
        : `until ${lot.validTo ?? ''}`;
  return {
    lotClosed: lot.closed ?? false,
    validFrom: lot.validFrom ? dayNumberOf(lot.validFrom) : null,
    validTo: lot.validTo ? dayNumberOf(lot.validTo) : null,
    validityText,
    publicHours: hours,
    hoursText: hours ? hours.map((h) => h.text).join(', ') : 'always',
    rules,
  };
}
