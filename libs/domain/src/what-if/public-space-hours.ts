import { Instant, RuleBook, SpaceHandle } from '../rules';

const HOUR_MS = 3_600_000;
// Below the engine's default 8-day look-ahead: a null "next flip" means none within this step.
const STEP_MS = 7 * 86_400_000;
const MIN_STEP_MS = 60_000;

/** Milliseconds of [from, to) in which the general public may park on a space. */
export function publicMsOf(book: RuleBook, space: SpaceHandle, from: Instant, to: Instant): number {
  let t = from;
  let total = 0;
  while (t < to) {
    const e = book.evaluateSpace(space, t, { explain: false });
    const next = e.publicAllowed
      ? Math.min(e.usableUntil ?? t + STEP_MS, to)
      : Math.min(e.nextPublicFrom ?? t + STEP_MS, to);
    const end = next > t ? next : Math.min(t + MIN_STEP_MS, to);
    if (e.publicAllowed) total += end - t;
    t = end;
  }
  return total;
}

/**
 * Public space-hours per zone over [from, to): each distinct policy is walked once (spaces with
 * the same `policyKey` evaluate identically) and multiplied by its number of spaces.
 */
export function publicSpaceHoursByZone(
  book: RuleBook,
  spaceIds: readonly string[],
  from: Instant,
  to: Instant,
): Map<string, number> {
  const groups = new Map<string, { handle: SpaceHandle; zones: Map<string, number> }>();
  for (const id of spaceIds) {
    const handle = book.spaceHandle(id);
    const key = book.policyKey(handle);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { handle, zones: new Map() }));
    g.zones.set(handle.zoneId, (g.zones.get(handle.zoneId) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const g of groups.values()) {
    const hours = publicMsOf(book, g.handle, from, to) / HOUR_MS;
    for (const [zone, n] of g.zones) out.set(zone, (out.get(zone) ?? 0) + hours * n);
  }
  return out;
}
