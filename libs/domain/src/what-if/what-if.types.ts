import { ClassifyOptions, Instant, ViolationKind } from '../rules';

/** A parking session as recorded (derived from the event history); `end` null = still parked. */
export interface RecordedSession {
  readonly spaceId: string;
  readonly start: Instant;
  readonly end: Instant | null;
}

export interface WhatIfOptions extends ClassifyOptions {
  /** Replayed period [from, to): sessions that started in it; still parked at `to` = running. */
  readonly from: Instant;
  readonly to: Instant;
  /** Only these zones (default: every zone of either rule set). */
  readonly zones?: readonly string[];
}

export interface FindingTally {
  /** Suspected breaches that no exemption spares. */
  suspected: number;
  /** Findings spared by an exemption. */
  exempted: number;
}

/** What one rule set makes of the replayed period in one zone. */
export interface WhatIfSide {
  /** Findings no exemption spares (suspected breaches). */
  suspectedBreaches: number;
  exemptedViolations: number;
  /** Minutes in violation of the suspected breaches. */
  breachMinutes: number;
  byKind: Record<ViolationKind, FindingTally>;
  /** Sum over the zone's spaces of the hours the general public may park in the period. */
  publicSpaceHours: number;
}

export interface ZoneWhatIf {
  zoneId: string;
  spaces: number;
  sessions: number;
  /** Sessions whose findings (kind, rule, since, minutes, exemption) differ between the two sets. */
  sessionsAffected: number;
  baseline: WhatIfSide;
  candidate: WhatIfSide;
  /** candidate - baseline. */
  delta: { suspectedBreaches: number; exemptedViolations: number; publicSpaceHours: number };
}

export interface WhatIfResult {
  from: Instant;
  to: Instant;
  /** Sessions replayed (in the selected zones). */
  sessions: number;
  /** Sessions on spaces that neither rule set knows (left out). */
  sessionsUnknownSpace: number;
  zones: ZoneWhatIf[];
  totals: Omit<ZoneWhatIf, 'zoneId'>;
}
