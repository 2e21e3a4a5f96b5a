import { DomainError } from '../errors/domain.error';

/** The grid-governance case loop: report -> review -> file -> dispatch -> close (or dismiss). */
export const CASE_STATUSES = [
  'reported',
  'reviewed',
  'filed',
  'dispatched',
  'closed',
  'dismissed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const NEXT: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  reported: ['reviewed', 'dismissed'],
  reviewed: ['filed', 'dismissed'],
  filed: ['dispatched'],
  dispatched: ['closed'],
  closed: [],
  dismissed: [],
};

export function isCaseStatus(v: unknown): v is CaseStatus {
  return typeof v === 'string' && (CASE_STATUSES as readonly string[]).includes(v);
}

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

export class IllegalTransitionError extends DomainError {
  constructor(
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    super('conflict', `a case cannot go from ${from} to ${to}`, {
      from,
      to,
      allowed: NEXT[from],
    });
  }
}

/** Returns the new status or throws IllegalTransitionError; the only way a case moves. */
export function transitionCase(from: CaseStatus, to: CaseStatus): CaseStatus {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}
