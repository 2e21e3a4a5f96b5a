import { CompiledWindow } from '../calendar/compiled-window';
import { DayNumber } from '../time/local-date';
import { AccessState } from './access-segment';
import { audienceName, CompiledRule } from './compiled-rule';
import { PUBLIC_AUDIENCE, Restriction, STAFF_AUDIENCE } from './rule-book.types';

/** Lot settings and rules of one access profile. */
export interface AccessProfileDef {
  readonly lotClosed: boolean;
  readonly validFrom: DayNumber | null;
  readonly validTo: DayNumber | null;
  readonly validityText: string;
  /** null = the lot is always open to the public. */
  readonly publicHours: readonly CompiledWindow[] | null;
  readonly hoursText: string;
  readonly rules: readonly CompiledRule[];
}

/** Which rule (index, or -1 for lot public hours) and tidal entry a flat window belongs to. */
export interface WindowTag {
  readonly rule: number;
  readonly entry: number;
  readonly window: CompiledWindow;
}

const NONE: Omit<AccessState, 'audience' | 'restriction' | 'lotOpen'> = {
  maxStayMin: null,
  maxStayRuleId: null,
  maxStayRuleKind: null,
  maxStayText: null,
};

/**
 * The access state during a piece of local `day` in which the windows `active` (flat indexes) are
 * in force. Precedence: operator closure, validity, no parking, lot hours, audience rules, tidal.
 */
export function accessStateOf(
  def: AccessProfileDef,
  day: DayNumber,
  active: readonly number[],
  tags: readonly WindowTag[],
): AccessState {
  if (def.lotClosed) return closed('lot_closed', 'lot closed by the operator');
  if (
    (def.validFrom !== null && day < def.validFrom) ||
    (def.validTo !== null && day > def.validTo)
  ) {
    return closed('lot_validity', `temporary lot, open to the public only ${def.validityText}`);
  }
  const ruleWindow = new Map<number, CompiledWindow>();
  const tidalEntry = new Map<number, number>();
  let inHours = false;
  for (const idx of active) {
    const t = tags[idx];
    if (t.rule < 0) inHours = true;
    else if (t.entry >= 0) {
      if (!tidalEntry.has(t.rule)) tidalEntry.set(t.rule, t.entry);
    } else if (!ruleWindow.has(t.rule)) ruleWindow.set(t.rule, t.window);
  }
  const lotOpen = def.publicHours === null || inHours;
  let maxStayMin: number | null = null;
  let maxStayRuleId: string | null = null;
  let maxStayRuleKind: 'short_stay' | 'tidal' | null = null;
  let maxStayText: string | null = null;
  let restriction: Restriction | null = null;
  let audienceRestriction: Restriction | null = null;
  let tidalRestriction: Restriction | null = null;
  let noParking: Restriction | null = null;

  for (let i = 0; i < def.rules.length; i++) {
    const rule = def.rules[i];
    const w = ruleWindow.get(i);
    if (rule.kind === 'short_stay' && w) {
      if (maxStayMin === null || rule.maxStayMin < maxStayMin) {
        maxStayMin = rule.maxStayMin;
        maxStayRuleId = rule.id;
        maxStayRuleKind = 'short_stay';
        maxStayText = `short stay ${w.text}`;
      }
    } else if (rule.kind === 'no_parking' && w && !noParking) {
      noParking = {
        source: 'no_parking',
        ruleId: rule.id,
        audience: null,
        text: `no parking ${w.text}`,
      };
    } else if (
      rule.kind === 'audience' &&
      w &&
      !audienceRestriction &&
      rule.audience !== PUBLIC_AUDIENCE
    ) {
      audienceRestriction = {
        source: 'audience',
        ruleId: rule.id,
        audience: rule.audience,
        text: `${audienceName(rule.audience)} only ${w.text}`,
      };
    } else if (rule.kind === 'tidal') {
      const j = tidalEntry.get(i);
      const entry = j === undefined ? null : rule.entries[j];
      if (
        entry &&
        entry.maxStayMin !== null &&
        (maxStayMin === null || entry.maxStayMin < maxStayMin)
      ) {
        maxStayMin = entry.maxStayMin;
        maxStayRuleId = rule.id;
        maxStayRuleKind = 'tidal';
        maxStayText = `${audienceName(entry.audience)} ${entry.window.text}`;
      }
      const audience = entry ? entry.audience : rule.defaultAudience;
      if (!tidalRestriction && audience !== PUBLIC_AUDIENCE) {
        tidalRestriction = {
          source: 'tidal',
          ruleId: rule.id,
          audience,
          text: entry
            ? `tidal space: ${audienceName(audience)} only ${entry.window.text}`
            : `tidal space: ${audienceName(audience)} only outside its scheduled windows`,
        };
      }
    }
  }

  if (noParking) restriction = noParking;
  else if (!lotOpen) {
    restriction = {
      source: 'lot_hours',
      ruleId: null,
      audience: STAFF_AUDIENCE,
      text: `lot open to the public only ${def.hoursText}`,
    };
  } else restriction = audienceRestriction ?? tidalRestriction;

  return {
    audience: restriction ? restriction.audience : PUBLIC_AUDIENCE,
    restriction,
    lotOpen,
    maxStayMin,
    maxStayRuleId,
    maxStayRuleKind,
    maxStayText,
  };
}

function closed(source: 'lot_closed' | 'lot_validity', text: string): AccessState {
  return {
    ...NONE,
    audience: null,
    lotOpen: false,
    restriction: { source, ruleId: null, audience: null, text },
  };
}
