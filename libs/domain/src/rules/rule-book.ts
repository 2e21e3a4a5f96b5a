import { CalendarIndex, DayInfo } from '../calendar/calendar-index';
import { DayContext } from '../calendar/day-context';
import { BadParameterError, DomainError, NotFoundError } from '../errors/domain.error';
import { DAY_MS, dayNumberOf, MINUTE_MS } from '../time/local-date';
import { ZoneClock } from '../time/zone-clock';
import { ExemptionLayer } from './exemption-layer';
import { explainSegment } from './explain';
import {
  ClassifyOptions,
  EvaluateOptions,
  Instant,
  LotStatus,
  RuleBookInput,
  RuleBookOptions,
  SessionClassification,
  SpaceHandle,
  SessionInput,
  SpaceEvaluation,
  StayEvaluation,
} from './rule-book.types';
import { classifySessionOn } from './session-classifier';
import { lotReason, withStay } from './evaluation.mappers';
import { compileEntries, LotEntry, SpaceEntry } from './rule-book.compiler';

const NO_LINES: readonly string[] = Object.freeze([]);
const MAX_STAY_MIN = 31 * 1440;

/**
 * A city's parking rules compiled for fast, deterministic evaluation (see docs/rules-engine.md).
 * Pure: no I/O, never the machine's clock or time zone. Recompile on any city change.
 */
export class RuleBook {
  readonly timeZone: string;
  readonly currency: string;
  readonly lookAheadDays: number;
  readonly clock: ZoneClock;
  readonly calendar: CalendarIndex;
  private readonly lookAheadMs: number;
  private readonly exemptions: ExemptionLayer;
  /** Number of distinct access profiles (lot settings + rule ids) the spaces share. */
  readonly profileCount: number;
  private readonly lots: ReadonlyMap<string, LotEntry>;
  private readonly spaces: ReadonlyMap<string, SpaceEntry>;

  constructor(input: RuleBookInput, options: RuleBookOptions = {}) {
    this.timeZone = input.timeZone ?? 'Asia/Shanghai';
    this.currency = input.currency ?? 'CNY';
    this.lookAheadDays = options.lookAheadDays ?? 8;
    if (
      !Number.isInteger(this.lookAheadDays) ||
      this.lookAheadDays < 1 ||
      this.lookAheadDays > 31
    ) {
      throw new BadParameterError('lookAheadDays', 'must be an integer from 1 to 31');
    }
    this.lookAheadMs = this.lookAheadDays * DAY_MS;
    this.clock = new ZoneClock(this.timeZone);
    this.calendar = new CalendarIndex(input.calendar ?? {});
    const ctx: DayContext = { clock: this.clock, calendar: this.calendar };
    this.exemptions = new ExemptionLayer(input.exemptions ?? [], this.calendar);

    const compiled = compileEntries(input, ctx, this.lookAheadMs + DAY_MS + 2 * 3_600_000, this);
    this.lots = compiled.lots;
    this.spaces = compiled.spaces;
    this.profileCount = compiled.profileCount;
  }

  /**
   * A handle for a space, to skip the id lookup on hot paths (keep it next to the space in an
   * in-memory index). Valid only for this book; after a recompile, take new handles.
   */
  spaceHandle(spaceId: string): SpaceHandle {
    return this.space(spaceId);
  }

  /**
   * Spaces with the same policy key evaluate identically at any instant (same lot settings, rules
   * and pricing tier): a search may evaluate one representative per key.
   */
  policyKey(space: string | SpaceHandle): string {
    const e = this.space(space);
    return `${e.profile.key}#${e.pricing ? e.pricing.tier.id : ''}`;
  }

  hasSpace(spaceId: string): boolean {
    return this.spaces.has(spaceId);
  }

  hasLot(lotId: string): boolean {
    return this.lots.has(lotId);
  }

  /** What the calendar says about a local date `YYYY-MM-DD`. */
  dayInfo(date: string): DayInfo {
    return this.calendar.infoOf(dayNumberOf(date));
  }

  /** Who may park on the space at `at`, max stay, usableUntil, price, explanation. */
  evaluateSpace(
    space: string | SpaceHandle,
    at: Instant,
    options?: EvaluateOptions,
  ): SpaceEvaluation {
    const e = this.space(space);
    const spaceId = e.spaceId;
    checkInstant(at, 'at');
    const day = this.clock.dayOf(at);
    const seg = e.profile.segmentAt(at, day);
    const flip = e.profile.flipAfter(seg, at + this.lookAheadMs + 1);
    const price = e.pricing ? e.pricing.priceAt(at, day) : null;
    return {
      spaceId,
      lotId: e.lotId,
      zoneId: e.zoneId,
      at,
      audience: seg.audience,
      publicAllowed: seg.isPublic,
      lotOpen: seg.lotOpen,
      restriction: seg.restriction,
      maxStayMin: seg.maxStayMin,
      maxStayRuleId: seg.maxStayRuleId,
      usableUntil: seg.isPublic ? (flip ? flip.start : null) : at,
      nextPublicFrom: seg.isPublic ? null : flip ? flip.start : null,
      pricePerHour: price,
      currency: this.currency,
      explanation:
        options?.explain === false
          ? NO_LINES
          : explainSegment(
              this.clock,
              at,
              seg,
              flip,
              this.lookAheadDays,
              e.pricing && price !== null
                ? { tier: e.pricing, price, currency: this.currency }
                : null,
            ),
    };
  }

  /** A planned stay [at, at + stayMin): allowed for the public for its whole length, and its cost. */
  evaluateStay(
    space: string | SpaceHandle,
    at: Instant,
    stayMin: number,
    options?: EvaluateOptions,
  ): StayEvaluation {
    if (!Number.isFinite(stayMin) || stayMin <= 0 || stayMin > MAX_STAY_MIN) {
      throw new BadParameterError('stay', `must be a number of minutes in (0, ${MAX_STAY_MIN}]`);
    }
    const e = this.space(space);
    const ev = this.evaluateSpace(e, at, options);
    const end = at + stayMin * MINUTE_MS;
    let blockedAt: number | null = at;
    if (ev.publicAllowed) {
      const seg = e.profile.segmentAt(at);
      const flip = e.profile.flipAfter(seg, end);
      blockedAt = flip ? flip.start : null;
    }
    const publicForWholeStay = blockedAt === null;
    const withinMaxStay = ev.maxStayMin === null || stayMin <= ev.maxStayMin;
    return withStay(ev, {
      stayMin,
      end,
      publicForWholeStay,
      withinMaxStay,
      allowed: publicForWholeStay && withinMaxStay,
      blockedAt,
      cost: e.pricing ? e.pricing.cost(at, end) : null,
    });
  }

  /** Whether the lot is open to the public at `at` (operator closure, validity, public hours). */
  lotStatus(lotId: string, at: Instant): LotStatus {
    const lot = this.lots.get(lotId);
    if (!lot) throw new NotFoundError('lot', lotId);
    checkInstant(at, 'at');
    const seg = lot.profile.segmentAt(at);
    const flip = lot.profile.flipAfter(seg, at + this.lookAheadMs + 1);
    const price = lot.pricing ? lot.pricing.priceAt(at) : null;
    return {
      lotId,
      at,
      open: seg.isPublic,
      reason: lotReason(seg.restriction?.source),
      nextChange: flip ? flip.start : null,
      pricePerHour: price,
      currency: this.currency,
      explanation: explainSegment(
        this.clock,
        at,
        seg,
        flip,
        this.lookAheadDays,
        lot.pricing && price !== null
          ? { tier: lot.pricing, price, currency: this.currency }
          : null,
      ),
    };
  }

  /** Overstay / audience / tidal / no-parking findings of a session, exemptions, next deadline. */
  classifySession(session: SessionInput, options: ClassifyOptions = {}): SessionClassification {
    const e = this.space(session.spaceId);
    checkInstant(session.start, 'start');
    const now = session.end ?? session.now;
    if (now === undefined) throw new BadParameterError('now', 'required for a running session');
    checkInstant(now, session.end === null ? 'now' : 'end');
    if (now < session.start) throw new BadParameterError('end', 'must not be before start');
    return classifySessionOn(
      {
        clock: this.clock,
        profile: e.profile,
        exemptions: this.exemptions,
        lookAheadMs: this.lookAheadMs,
      },
      session.spaceId,
      session.start,
      session.end,
      now,
      options,
    );
  }

  private space(space: string | SpaceHandle): SpaceEntry {
    if (typeof space !== 'string') {
      const h = space as SpaceEntry;
      if (h.book !== this)
        throw new DomainError('bad_request', 'space handle of another rule book');
      return h;
    }
    const e = this.spaces.get(space);
    if (!e) throw new NotFoundError('space', space);
    return e;
  }
}

function checkInstant(v: number, name: string): void {
  if (!Number.isFinite(v))
    throw new BadParameterError(name, 'must be a finite epoch-millisecond instant');
}

/** Compiles the parsed city file's parts into a `RuleBook`. Throws DomainError on dangling ids. */
export function compileRuleBook(input: RuleBookInput, options: RuleBookOptions = {}): RuleBook {
  return new RuleBook(input, options);
}
