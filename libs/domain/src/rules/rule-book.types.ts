import { CalendarData } from '../calendar/calendar.schema';
import { TimeWindow } from '../common.schema';
import { PricingTier } from '../pricing/pricing.schema';
import { Exemption, Rule, ViolationKind } from './rule.schema';

/** Epoch milliseconds (UTC instant). All engine inputs and outputs use it; format at the edge. */
export type Instant = number;

/** The audience name of the general public. */
export const PUBLIC_AUDIENCE = 'public';
/** Who may use an institutional lot outside its public hours. */
export const STAFF_AUDIENCE = 'staff';

/** The parts of a lot the engine reads (a parsed city-file lot fits). */
export interface RuleBookLot {
  readonly id: string;
  readonly zoneId: string;
  readonly category?: string;
  readonly publicHours?: readonly TimeWindow[];
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly pricingTierId?: string;
  readonly ruleIds?: readonly string[];
  readonly closed?: boolean;
}

/** The parts of a space the engine reads (a parsed city-file space fits). */
export interface RuleBookSpace {
  readonly id: string;
  readonly lotId: string;
  readonly ruleIds?: readonly string[];
}

/** The parts of a zone the engine reads. */
export interface RuleBookZone {
  readonly id: string;
  readonly pricingTierId: string;
}

/** Input of `compileRuleBook`: the parsed city file's parts (`CityFile` fits field by field). */
export interface RuleBookInput {
  /** IANA zone; default `Asia/Shanghai`. */
  readonly timeZone?: string;
  /** ISO 4217; default `CNY`. */
  readonly currency?: string;
  readonly calendar?: Partial<CalendarData>;
  readonly pricingTiers?: readonly PricingTier[];
  readonly rules?: readonly Rule[];
  readonly exemptions?: readonly Exemption[];
  readonly zones?: readonly RuleBookZone[];
  readonly lots?: readonly RuleBookLot[];
  readonly spaces?: readonly RuleBookSpace[];
}

export interface RuleBookOptions {
  /** How far `usableUntil` / `nextPublicFrom` / deadlines look ahead; default 8 days. */
  readonly lookAheadDays?: number;
}

/** Why the public may not park at an instant (the first that applies, in this order). */
export type RestrictionSource =
  'lot_closed' | 'lot_validity' | 'no_parking' | 'lot_hours' | 'audience' | 'tidal';

export interface Restriction {
  readonly source: RestrictionSource;
  /** The rule that restricts (null for lot-level closures and lot hours). */
  readonly ruleId: string | null;
  /** Who may park instead: an audience name, `staff`, or null (nobody). */
  readonly audience: string | null;
  /** A sentence, e.g. "residents only from 19:00 to 07:00". */
  readonly text: string;
}

/** An opaque, pre-resolved space of one RuleBook (`book.spaceHandle(id)`); skips the id lookup. */
export interface SpaceHandle {
  readonly spaceId: string;
  readonly lotId: string;
  readonly zoneId: string;
}

/** Outcome of evaluating one space (with its lot and zone) at an instant. */
export interface SpaceEvaluation {
  readonly spaceId: string;
  readonly lotId: string;
  readonly zoneId: string;
  readonly at: Instant;
  /** Who may park now: `public` (everyone), another audience only, or null (nobody). */
  readonly audience: string | null;
  /** `audience === 'public'`. */
  readonly publicAllowed: boolean;
  /** The lot is open to the public (not closed, within validity and public hours). */
  readonly lotOpen: boolean;
  readonly restriction: Restriction | null;
  /** Maximum stay for a stay starting now (short-stay window or tidal entry), or null. */
  readonly maxStayMin: number | null;
  readonly maxStayRuleId: string | null;
  /**
   * The next instant the public loses access, within the look-ahead; null if not within it.
   * Equals `at` when the public may not park now.
   */
  readonly usableUntil: Instant | null;
  /** When the public is not allowed now: the next instant it is (within the look-ahead), else null. */
  readonly nextPublicFrom: Instant | null;
  /** Price per hour at `at` (lot tier, else zone tier), or null if no tier applies. */
  readonly pricePerHour: number | null;
  readonly currency: string;
  /** Sentences a person understands; empty when evaluated with `{ explain: false }`. */
  readonly explanation: readonly string[];
}

export interface EvaluateOptions {
  /** Build explanation lines (default true); guidance's hot path passes false. */
  readonly explain?: boolean;
}

/** Outcome of a planned stay: arrival `at`, `stayMin` minutes. */
export interface StayEvaluation extends SpaceEvaluation {
  readonly stayMin: number;
  readonly end: Instant;
  /** Public may park at every instant of [at, at + stayMin). */
  readonly publicForWholeStay: boolean;
  /** stayMin <= maxStayMin (or no maximum). */
  readonly withinMaxStay: boolean;
  /** publicForWholeStay && withinMaxStay. */
  readonly allowed: boolean;
  /** The first instant of the stay the public may not park, or null. */
  readonly blockedAt: Instant | null;
  /** Price of the stay (free first minutes, bands, daily cap per local day), 2 decimals; null if no tier. */
  readonly cost: number | null;
}

/** Whether a lot is open to the public at an instant. */
export interface LotStatus {
  readonly lotId: string;
  readonly at: Instant;
  readonly open: boolean;
  /** null when open. */
  readonly reason: 'closed_by_operator' | 'outside_validity' | 'outside_public_hours' | null;
  /** When it next closes (if open) or opens (if closed), within the look-ahead, else null. */
  readonly nextChange: Instant | null;
  readonly pricePerHour: number | null;
  readonly currency: string;
  readonly explanation: readonly string[];
}

/** A parking session on a space: `end` null means still parked at `now`. */
export interface SessionInput {
  readonly spaceId: string;
  readonly start: Instant;
  readonly end: Instant | null;
  /** Required when `end` is null: the present instant. */
  readonly now?: Instant;
}

export interface ClassifyOptions {
  /** Minutes a session may run past a switch-over (or into a restricted window) unpenalised; default 5. */
  readonly graceMin?: number;
  /**
   * Also flag sessions that BEGAN inside a non-public audience/tidal window (default false: a breach
   * is suspected only from a session that began while open to one audience and runs past the
   * switch-over, docs/rules-engine.md; sensors cannot tell a resident's car from a visitor's).
   */
  readonly flagStartInsideRestricted?: boolean;
}

/** One suspected violation of a session, with the exemption layer applied. */
export interface ViolationFinding {
  readonly kind: ViolationKind;
  readonly ruleId: string;
  readonly ruleKind: Rule['kind'];
  /** `crossed_switch_over`: began while public, stayed past the switch; `started_inside`: began in the restricted window. */
  readonly basis: 'overstay' | 'crossed_switch_over' | 'started_inside';
  /** The instant the session became a violation (end of max stay / of the grace). */
  readonly since: Instant;
  /** Minutes past `since` until the session's end (or `now`), rounded up. */
  readonly minutes: number;
  /** For overstays: the maximum stay that applied when the session began. */
  readonly maxStayMin: number | null;
  /** Audience breaches are minor; an overstay is minor within an exemption's `minorOverstayMin`. */
  readonly minor: boolean;
  readonly exempted: boolean;
  readonly exemptionId: string | null;
  /**
   * An exempted overstay within a minor margin stops being exempted after this instant (the
   * margin is used up); null when the exemption does not run out or nothing is exempted.
   */
  readonly exemptUntil: Instant | null;
  readonly explanation: string;
}

export interface SessionClassification {
  readonly spaceId: string;
  readonly start: Instant;
  readonly end: Instant | null;
  /** `end`, or `now` for a running session. */
  readonly evaluatedUntil: Instant;
  readonly violations: readonly ViolationFinding[];
  /**
   * Running sessions only: the earliest instant after `now` at which the session WOULD become a
   * new violation if still parked (within the look-ahead), else null. Classifying with
   * `now = deadline` reports the new finding (its `since` is `deadline - 1`).
   */
  readonly deadline: Instant | null;
  readonly deadlineKind: ViolationKind | null;
  /**
   * Running sessions only: when to classify again — the earlier of `deadline` and the instant an
   * exempted minor overstay stops being exempted (`exemptUntil` + 1 ms); null if neither.
   */
  readonly recheckAt: Instant | null;
}
