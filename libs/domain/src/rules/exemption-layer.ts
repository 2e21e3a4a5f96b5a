import { CalendarIndex } from '../calendar/calendar-index';
import { selectorMask } from '../calendar/day-flags';
import { DayNumber } from '../time/local-date';
import { Exemption, Rule, ViolationKind } from './rule.schema';

interface CompiledExemption {
  readonly def: Exemption;
  readonly mask: number;
}

/**
 * The exemption layer: it never changes a finding, it only says which exemption (first in file
 * order) spares it from penalty. `when` is tested on the local day the violation began.
 */
export class ExemptionLayer {
  private readonly exemptions: readonly CompiledExemption[];
  /** Largest `minorOverstayMin` of any exemption: an overstay within it is "minor". */
  readonly minorOverstayMin: number | null;

  constructor(
    exemptions: readonly Exemption[],
    private readonly calendar: CalendarIndex,
  ) {
    this.exemptions = exemptions.map((def) => ({ def, mask: selectorMask(def.when) }));
    const margins = exemptions
      .map((e) => e.minorOverstayMin)
      .filter((m): m is number => m !== undefined);
    this.minorOverstayMin = margins.length > 0 ? Math.max(...margins) : null;
  }

  /** Audience breaches are minor; an overstay is minor within the largest minor margin. */
  isMinor(kind: ViolationKind, minutes: number): boolean {
    if (kind === 'audience_breach') return true;
    return (
      kind === 'overstay' && this.minorOverstayMin !== null && minutes <= this.minorOverstayMin
    );
  }

  /**
   * For an exempted overstay: the most minutes it stays exempted (the largest margin of the
   * exemptions that would otherwise apply); Infinity when one of them has no margin.
   */
  exemptMinutesLimit(ruleKind: Rule['kind'], day: DayNumber): number {
    const flags = this.calendar.flagsOf(day);
    let limit = 0;
    for (const { def, mask } of this.exemptions) {
      if ((flags & mask) === 0 || !def.violations.includes('overstay')) continue;
      if (def.ruleKinds && !def.ruleKinds.includes(ruleKind)) continue;
      limit = Math.max(limit, def.minorOverstayMin ?? Infinity);
    }
    return limit;
  }

  /** The exemption sparing a finding, or null. */
  match(
    kind: ViolationKind,
    ruleKind: Rule['kind'],
    minutes: number,
    day: DayNumber,
  ): Exemption | null {
    const flags = this.calendar.flagsOf(day);
    for (const { def, mask } of this.exemptions) {
      if ((flags & mask) === 0) continue;
      if (!def.violations.includes(kind)) continue;
      if (def.ruleKinds && !def.ruleKinds.includes(ruleKind)) continue;
      if (
        kind === 'overstay' &&
        def.minorOverstayMin !== undefined &&
        minutes > def.minorOverstayMin
      ) {
        continue;
      }
      return def;
    }
    return null;
  }
}
