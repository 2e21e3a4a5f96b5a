import { DAY_MS, MINUTE_MS } from '../time/local-date';
import { ZoneClock } from '../time/zone-clock';
import { AccessProfile } from './access-profile';
import { AccessSegment } from './access-segment';
import { ExemptionLayer } from './exemption-layer';
import { localTimeText } from './explain';
import { Rule, ViolationKind } from './rule.schema';
import {
  ClassifyOptions,
  RestrictionSource,
  SessionClassification,
  ViolationFinding,
} from './rule-book.types';

const KIND_OF: Partial<Record<RestrictionSource, [ViolationKind, Rule['kind']]>> = {
  audience: ['audience_breach', 'audience'],
  tidal: ['tidal_breach', 'tidal'],
  no_parking: ['no_parking_breach', 'no_parking'],
};

/** Switch-overs are looked for in the first 35 days of a session (ghost sessions of dead sensors). */
const MAX_WALK_MS = 35 * DAY_MS;

interface Candidate {
  readonly kind: ViolationKind;
  readonly ruleId: string;
  readonly ruleKind: Rule['kind'];
  readonly basis: ViolationFinding['basis'];
  readonly since: number;
  /** When the breach ends whatever the car does (the restriction gives way), or Infinity. */
  readonly until: number;
  readonly maxStayMin: number | null;
  readonly text: string;
}

export interface ClassifyContext {
  readonly clock: ZoneClock;
  readonly profile: AccessProfile;
  readonly exemptions: ExemptionLayer;
  readonly lookAheadMs: number;
}

/**
 * Classifies a session [start, end) (or [start, now] while running) on one space. See
 * docs/rules-engine.md for the exact meaning of each finding.
 */
export function classifySessionOn(
  ctx: ClassifyContext,
  spaceId: string,
  start: number,
  end: number | null,
  now: number,
  options: ClassifyOptions,
): SessionClassification {
  const grace = (options.graceMin ?? 5) * MINUTE_MS;
  const flagInside = options.flagStartInsideRestricted ?? false;
  const running = end === null;
  const until = end ?? now;
  const { profile, clock } = ctx;
  const seg0 = profile.segmentAt(start);
  const candidates: Candidate[] = [];

  if (seg0.maxStayMin !== null && seg0.maxStayRuleId !== null && seg0.maxStayRuleKind !== null) {
    candidates.push({
      kind: 'overstay',
      ruleId: seg0.maxStayRuleId,
      ruleKind: seg0.maxStayRuleKind,
      basis: 'overstay',
      since: start + seg0.maxStayMin * MINUTE_MS,
      until: Infinity,
      maxStayMin: seg0.maxStayMin,
      text: `stayed longer than the maximum stay of ${seg0.maxStayMin} minutes (${seg0.maxStayText})`,
    });
  }

  const seen = new Set<ViolationKind>();
  const consider = (seg: AccessSegment, basis: 'crossed_switch_over' | 'started_inside'): void => {
    const r = seg.restriction;
    const mapped = r ? KIND_OF[r.source] : undefined;
    if (!r || !mapped || seen.has(mapped[0])) return;
    if (basis === 'started_inside' && r.source !== 'no_parking') {
      // A pick-up/drop-off window with its own max stay is judged by the overstay alone.
      if (!flagInside || seg.maxStayRuleId === r.ruleId) return;
    }
    seen.add(mapped[0]);
    const switchAt = basis === 'started_inside' ? start : seg.start;
    candidates.push({
      kind: mapped[0],
      ruleId: r.ruleId ?? '',
      ruleKind: mapped[1],
      basis,
      since: switchAt + grace,
      until: restrictionEnd(profile, seg, start + MAX_WALK_MS),
      maxStayMin: null,
      text:
        basis === 'started_inside'
          ? `parked during ${r.text}`
          : `still parked after the switch-over at ${localTimeText(clock, seg.start, start)}: ${r.text}`,
    });
  };

  if (!seg0.isPublic) consider(seg0, 'started_inside');
  const walkLimit = Math.min(running ? now + ctx.lookAheadMs : until, start + MAX_WALK_MS);
  const baseSource = seg0.restriction?.source;
  for (let cur = profile.next(seg0); cur.start < walkLimit; cur = profile.next(cur)) {
    if (
      !cur.isPublic &&
      (cur.audience !== seg0.audience || cur.restriction?.source !== baseSource)
    ) {
      consider(cur, 'crossed_switch_over');
    }
  }

  const violations: ViolationFinding[] = [];
  let deadline: number | null = null;
  let deadlineKind: ViolationKind | null = null;
  for (const c of candidates) {
    // a restriction that gives way before its grace ran out was never breached
    if (c.until <= c.since) continue;
    const breachEnd = Math.min(until, c.until);
    if (breachEnd > c.since)
      violations.push(toFinding(ctx, c, Math.ceil((breachEnd - c.since) / MINUTE_MS)));
    else if (running && (deadline === null || c.since + 1 < deadline)) {
      // A finding exists once the session lasts beyond `since`: 1 ms later is when it shows.
      deadline = c.since + 1;
      deadlineKind = c.kind;
    }
  }
  if (deadline !== null && deadline > now + ctx.lookAheadMs) {
    deadline = null;
    deadlineKind = null;
  }
  let recheckAt = deadline;
  if (running) {
    for (const v of violations) {
      if (
        v.exemptUntil !== null &&
        v.exemptUntil >= now &&
        (recheckAt === null || v.exemptUntil + 1 < recheckAt)
      ) {
        recheckAt = v.exemptUntil + 1;
      }
    }
  }
  return {
    spaceId,
    start,
    end,
    evaluatedUntil: until,
    violations,
    deadline,
    deadlineKind,
    recheckAt,
  };
}

/**
 * End of the restricted stretch that `seg` starts: the following segments keep it while nobody
 * from the public may park and the same rule (or lot closure) restricts. Bounded by `limit`.
 */
function restrictionEnd(profile: AccessProfile, seg: AccessSegment, limit: number): number {
  const r = seg.restriction;
  let cur = seg;
  while (cur.end < limit) {
    const nx = profile.next(cur);
    const nr = nx.restriction;
    if (nx.isPublic || !nr || !r || nr.source !== r.source || nr.ruleId !== r.ruleId) break;
    cur = nx;
  }
  return cur.end < limit ? cur.end : Infinity;
}

function toFinding(ctx: ClassifyContext, c: Candidate, minutes: number): ViolationFinding {
  const day = ctx.clock.dayOf(c.since);
  const ex = ctx.exemptions.match(c.kind, c.ruleKind, minutes, day);
  let exemptUntil: number | null = null;
  if (ex && c.kind === 'overstay') {
    const limit = ctx.exemptions.exemptMinutesLimit(c.ruleKind, day);
    if (Number.isFinite(limit)) exemptUntil = c.since + limit * MINUTE_MS;
  }
  const note = ex ? `; not penalised: exemption ${ex.id}${ex.name ? ` (${ex.name})` : ''}` : '';
  return {
    kind: c.kind,
    ruleId: c.ruleId,
    ruleKind: c.ruleKind,
    basis: c.basis,
    since: c.since,
    minutes,
    maxStayMin: c.maxStayMin,
    minor: ctx.exemptions.isMinor(c.kind, minutes),
    exempted: ex !== null,
    exemptionId: ex ? ex.id : null,
    exemptUntil,
    explanation: `${c.text}: ${minutes} min over since ${localTimeText(ctx.clock, c.since, c.since)}${note}`,
  };
}
