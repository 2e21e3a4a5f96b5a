import { CompiledWindow, splitDay } from '../calendar/compiled-window';
import { DayContext } from '../calendar/day-context';
import { DayCache } from '../time/day-cache';
import { DayNumber } from '../time/local-date';
import { AccessSegment, AccessState } from './access-segment';
import { accessStateOf, AccessProfileDef, WindowTag } from './access-state';

/**
 * The access timeline of one distinct (lot settings + rule ids) combination, built lazily per
 * local day and cached: every space sharing the combination shares the timeline.
 */
export class AccessProfile {
  private readonly windows: CompiledWindow[] = [];
  private readonly tags: WindowTag[] = [];
  /** Bounded memory per profile. */
  private readonly days = new DayCache<readonly AccessSegment[]>(32);

  constructor(
    /** Short id, unique within one RuleBook. */
    readonly key: string,
    readonly def: AccessProfileDef,
    private readonly ctx: DayContext,
    /** How far (ms) a cached flip search reaches beyond a segment's start. */
    private readonly reachMs: number,
  ) {
    for (const w of def.publicHours ?? []) {
      this.windows.push(w);
      this.tags.push({ rule: -1, entry: -1, window: w });
    }
    def.rules.forEach((r, i) => {
      if (r.kind === 'tidal') {
        r.entries.forEach((e, j) => {
          this.windows.push(e.window);
          this.tags.push({ rule: i, entry: j, window: e.window });
        });
      } else {
        for (const w of r.windows) {
          this.windows.push(w);
          this.tags.push({ rule: i, entry: -1, window: w });
        }
      }
    });
  }

  /** The segment covering the instant (`day` = its local day, if the caller knows it). */
  segmentAt(instant: number, day: DayNumber = this.ctx.clock.dayOf(instant)): AccessSegment {
    const segs = this.segmentsOf(day);
    let i = 0;
    while (i + 1 < segs.length && segs[i + 1].start <= instant) i++;
    return segs[i];
  }

  /** The local day's segments, contiguous from its first to its last instant. */
  segmentsOf(day: DayNumber): readonly AccessSegment[] {
    return this.days.get(day, (d) => this.buildDay(d));
  }

  /** The segment right after `seg` (possibly the first of the next local day). */
  next(seg: AccessSegment): AccessSegment {
    const segs = this.segmentsOf(seg.day);
    return seg.index + 1 < segs.length ? segs[seg.index + 1] : this.segmentsOf(seg.day + 1)[0];
  }

  /**
   * The first segment after `seg` whose public access differs from `seg`'s and that starts before
   * `limit`, or null. Uses and fills the per-segment cache.
   */
  flipAfter(seg: AccessSegment, limit: number): AccessSegment | null {
    if (seg.flip === undefined) seg.flip = this.walkFlip(seg, seg.start + this.reachMs);
    if (seg.flip !== null && seg.flip.start < limit) return seg.flip;
    if (seg.flip === null && limit > seg.start + this.reachMs) return this.walkFlip(seg, limit);
    return null;
  }

  private walkFlip(seg: AccessSegment, limit: number): AccessSegment | null {
    let cur = this.next(seg);
    while (cur.start < limit) {
      if (cur.isPublic !== seg.isPublic) return cur;
      if (cur.flip !== undefined && cur.flip !== null)
        return cur.flip.start < limit ? cur.flip : null;
      cur = this.next(cur);
    }
    return null;
  }

  private buildDay(day: DayNumber): AccessSegment[] {
    const out: AccessSegment[] = [];
    let prev: AccessState | null = null;
    for (const piece of splitDay(day, this.windows, this.ctx)) {
      const state = accessStateOf(this.def, day, piece.active, this.tags);
      if (prev !== null && sameState(prev, state)) {
        const last = out[out.length - 1];
        out[out.length - 1] = { ...last, end: piece.end };
      } else {
        out.push({
          ...state,
          start: piece.start,
          end: piece.end,
          day,
          index: out.length,
          isPublic: state.audience === 'public',
          flip: undefined,
        });
      }
      prev = state;
    }
    return out;
  }
}

function sameState(a: AccessState, b: AccessState): boolean {
  return (
    a.audience === b.audience &&
    a.lotOpen === b.lotOpen &&
    a.maxStayMin === b.maxStayMin &&
    a.maxStayRuleId === b.maxStayRuleId &&
    a.maxStayText === b.maxStayText &&
    a.restriction?.source === b.restriction?.source &&
    a.restriction?.ruleId === b.restriction?.ruleId &&
    a.restriction?.text === b.restriction?.text
  );
}
