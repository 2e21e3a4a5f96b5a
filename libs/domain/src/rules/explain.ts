import { ZoneClock } from '../time/zone-clock';
import { TierPricing } from '../pricing/tier-pricing';
import { AccessSegment } from './access-segment';

/** "19:00" on the same local day as `ref`, else "2026-10-02 19:00". */
export function localTimeText(clock: ZoneClock, instant: number, ref: number): string {
  const p = clock.partsOf(instant);
  return p.day === clock.dayOf(ref) ? p.time : `${p.date} ${p.time}`;
}

/** Explanation lines of a space at an instant (not on the hot path). */
export function explainSegment(
  clock: ZoneClock,
  at: number,
  seg: AccessSegment,
  flip: AccessSegment | null,
  lookAheadDays: number,
  pricing: { tier: TierPricing; price: number; currency: string } | null,
): string[] {
  const lines: string[] = [];
  if (seg.isPublic) {
    if (flip) {
      lines.push(`open to the public until ${localTimeText(clock, flip.start, at)}`);
      if (flip.restriction) lines.push(`then ${flip.restriction.text}`);
    } else {
      lines.push(`open to the public (no restriction within the next ${lookAheadDays} days)`);
    }
  } else {
    if (seg.restriction) lines.push(seg.restriction.text);
    lines.push(
      flip
        ? `open to the public again from ${localTimeText(clock, flip.start, at)}`
        : `not open to the public within the next ${lookAheadDays} days`,
    );
  }
  if (seg.maxStayMin !== null) {
    lines.push(`maximum stay ${seg.maxStayMin} minutes (${seg.maxStayText})`);
  }
  if (pricing) lines.push(pricing.tier.describe(pricing.price, pricing.currency));
  return lines;
}
