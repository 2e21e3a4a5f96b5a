import fc from 'fast-check';
import {
  CASE_STATUSES,
  CaseStatus,
  IllegalTransitionError,
  canTransition,
  transitionCase,
} from './case-status';

describe('case loop', () => {
  it('walks the happy path reported -> closed', () => {
    let s: CaseStatus = 'reported';
    for (const to of ['reviewed', 'filed', 'dispatched', 'closed'] as const) {
      s = transitionCase(s, to);
    }
    expect(s).toBe('closed');
  });

  it('dismisses only from reported or reviewed', () => {
    expect(canTransition('reported', 'dismissed')).toBe(true);
    expect(canTransition('reviewed', 'dismissed')).toBe(true);
    expect(canTransition('filed', 'dismissed')).toBe(false);
    expect(canTransition('dispatched', 'dismissed')).toBe(false);
  });

  it('refuses skipping, going back and leaving a final state', () => {
    expect(() => transitionCase('reported', 'filed')).toThrow(IllegalTransitionError);
    expect(() => transitionCase('filed', 'reviewed')).toThrow(/cannot go from filed to reviewed/);
    expect(() => transitionCase('closed', 'reported')).toThrow(IllegalTransitionError);
    expect(() => transitionCase('dismissed', 'reviewed')).toThrow(IllegalTransitionError);
  });

  it('never reaches a status except by one legal step (property)', () => {
    const status = fc.constantFrom(...CASE_STATUSES);
    fc.assert(
      fc.property(status, status, (from, to) => {
        const order = CASE_STATUSES.indexOf(to) - CASE_STATUSES.indexOf(from);
        const legal =
          (to === 'dismissed' && ['reported', 'reviewed'].includes(from)) ||
          (order === 1 && to !== 'dismissed');
        expect(canTransition(from, to)).toBe(legal);
      }),
    );
  });
});
