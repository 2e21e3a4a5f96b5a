import {
  ClassifyOptions,
  RuleBook,
  RuleBookInput,
  ViolationFinding,
  compileRuleBook,
  violationKindSchema,
} from '../rules';
import { publicSpaceHoursByZone } from './public-space-hours';
import {
  FindingTally,
  RecordedSession,
  WhatIfOptions,
  WhatIfResult,
  WhatIfSide,
  ZoneWhatIf,
} from './what-if.types';

type Tally = Omit<ZoneWhatIf, 'zoneId'>;

function emptySide(): WhatIfSide {
  const byKind = {} as WhatIfSide['byKind'];
  for (const k of violationKindSchema.options) byKind[k] = { suspected: 0, exempted: 0 };
  return {
    suspectedBreaches: 0,
    exemptedViolations: 0,
    breachMinutes: 0,
    byKind,
    publicSpaceHours: 0,
  };
}

function emptyTally(spaces = 0): Tally {
  return {
    spaces,
    sessions: 0,
    sessionsAffected: 0,
    baseline: emptySide(),
    candidate: emptySide(),
    delta: { suspectedBreaches: 0, exemptedViolations: 0, publicSpaceHours: 0 },
  };
}

function addFindings(side: WhatIfSide, findings: readonly ViolationFinding[]): void {
  for (const f of findings) {
    const k: FindingTally = side.byKind[f.kind];
    if (f.exempted) {
      side.exemptedViolations++;
      k.exempted++;
    } else {
      side.suspectedBreaches++;
      side.breachMinutes += f.minutes;
      k.suspected++;
    }
  }
}

function signature(findings: readonly ViolationFinding[]): string {
  return findings
    .map((f) => `${f.kind}|${f.ruleId}|${f.since}|${f.minutes}|${f.exemptionId ?? ''}`)
    .sort()
    .join(';');
}

function classify(
  book: RuleBook,
  s: RecordedSession,
  to: number,
  options: ClassifyOptions,
): readonly ViolationFinding[] {
  if (!book.hasSpace(s.spaceId)) return [];
  const ended = s.end !== null && s.end <= to;
  return book.classifySession(
    { spaceId: s.spaceId, start: s.start, end: ended ? s.end : null, now: ended ? undefined : to },
    options,
  ).violations;
}

function addSide(into: WhatIfSide, from: WhatIfSide): void {
  into.suspectedBreaches += from.suspectedBreaches;
  into.exemptedViolations += from.exemptedViolations;
  into.breachMinutes += from.breachMinutes;
  into.publicSpaceHours += from.publicSpaceHours;
  for (const k of violationKindSchema.options) {
    into.byKind[k].suspected += from.byKind[k].suspected;
    into.byKind[k].exempted += from.byKind[k].exempted;
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function finish(t: Tally): void {
  t.baseline.publicSpaceHours = round1(t.baseline.publicSpaceHours);
  t.candidate.publicSpaceHours = round1(t.candidate.publicSpaceHours);
  t.delta = {
    suspectedBreaches: t.candidate.suspectedBreaches - t.baseline.suspectedBreaches,
    exemptedViolations: t.candidate.exemptedViolations - t.baseline.exemptedViolations,
    publicSpaceHours: round1(t.candidate.publicSpaceHours - t.baseline.publicSpaceHours),
  };
}

/**
 * Replays recorded sessions under two rule sets (the city as it is and a changed city file) with
 * the pure rules engine, per zone: sessions whose findings change, suspected breaches, exempted
 * violations, and the public space-hours each set grants over the period.
 */
export function replayWhatIf(
  baselineInput: RuleBookInput,
  candidateInput: RuleBookInput,
  sessions: Iterable<RecordedSession>,
  options: WhatIfOptions,
): WhatIfResult {
  const { from, to } = options;
  const classifyOptions: ClassifyOptions = {
    graceMin: options.graceMin,
    flagStartInsideRestricted: options.flagStartInsideRestricted,
  };
  const baseline = compileRuleBook(baselineInput);
  const candidate = compileRuleBook(candidateInput);
  const wanted = options.zones ? new Set(options.zones) : null;
  const zones = new Map<string, Tally>();
  const zoneOf = (book: RuleBook, input: RuleBookInput) => {
    const ids: string[] = [];
    for (const sp of input.spaces ?? []) {
      const zoneId = book.spaceHandle(sp.id).zoneId;
      if (wanted && !wanted.has(zoneId)) continue;
      ids.push(sp.id);
      if (!zones.has(zoneId)) zones.set(zoneId, emptyTally());
    }
    return ids;
  };
  const baseIds = zoneOf(baseline, baselineInput);
  const candIds = zoneOf(candidate, candidateInput);
  for (const id of baseIds) zones.get(baseline.spaceHandle(id).zoneId)!.spaces++;
  for (const id of candIds) {
    if (!baseline.hasSpace(id)) zones.get(candidate.spaceHandle(id).zoneId)!.spaces++;
  }
  for (const [zone, h] of publicSpaceHoursByZone(baseline, baseIds, from, to)) {
    zones.get(zone)!.baseline.publicSpaceHours = h;
  }
  for (const [zone, h] of publicSpaceHoursByZone(candidate, candIds, from, to)) {
    zones.get(zone)!.candidate.publicSpaceHours = h;
  }

  let replayed = 0;
  let unknown = 0;
  for (const s of sessions) {
    if (s.start < from || s.start >= to) continue;
    const book = baseline.hasSpace(s.spaceId)
      ? baseline
      : candidate.hasSpace(s.spaceId)
        ? candidate
        : null;
    if (!book) {
      unknown++;
      continue;
    }
    const zone = zones.get(book.spaceHandle(s.spaceId).zoneId);
    if (!zone) continue;
    replayed++;
    zone.sessions++;
    const before = classify(baseline, s, to, classifyOptions);
    const after = classify(candidate, s, to, classifyOptions);
    addFindings(zone.baseline, before);
    addFindings(zone.candidate, after);
    if ((before.length || after.length) && signature(before) !== signature(after)) {
      zone.sessionsAffected++;
    }
  }

  const totals = emptyTally();
  const out: ZoneWhatIf[] = [];
  for (const [zoneId, t] of [...zones].sort(([a], [b]) => a.localeCompare(b))) {
    totals.spaces += t.spaces;
    totals.sessions += t.sessions;
    totals.sessionsAffected += t.sessionsAffected;
    addSide(totals.baseline, t.baseline);
    addSide(totals.candidate, t.candidate);
    finish(t);
    out.push({ zoneId, ...t });
  }
  finish(totals);
  return { from, to, sessions: replayed, sessionsUnknownSpace: unknown, zones: out, totals };
}
