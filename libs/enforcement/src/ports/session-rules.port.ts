import type { Breach } from '@app/domain';

export interface SessionAssessment {
  /** Breaches measured from the session's start up to `until`. */
  breaches: Breach[];
  /** When the verdict may change next while the car stays (a deadline, a margin), or null. */
  nextCheckAt: number | null;
}

/** Port: the rules engine's verdict on a session (space, rules, calendar, exemptions). */
export abstract class SessionRules {
  abstract assess(
    spaceId: string,
    startedAt: number,
    until: number,
    ended: boolean,
  ): Promise<SessionAssessment>;
}
