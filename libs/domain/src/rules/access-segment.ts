import { DayNumber } from '../time/local-date';
import { Restriction } from './rule-book.types';

/** Who may park and under which limits during a piece of time. */
export interface AccessState {
  /** `public`, another audience, or null (nobody). */
  readonly audience: string | null;
  readonly restriction: Restriction | null;
  readonly lotOpen: boolean;
  readonly maxStayMin: number | null;
  readonly maxStayRuleId: string | null;
  readonly maxStayRuleKind: 'short_stay' | 'tidal' | null;
  readonly maxStayText: string | null;
}

/** A piece [start, end) of one local day with one access state; segments of a day are contiguous. */
export interface AccessSegment extends AccessState {
  readonly start: number;
  readonly end: number;
  readonly day: DayNumber;
  readonly index: number;
  readonly isPublic: boolean;
  /** Cached: the first later segment where public access flips (undefined = not computed, null = none in reach). */
  flip?: AccessSegment | null;
}
