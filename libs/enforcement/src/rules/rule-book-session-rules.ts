import {
  Breach,
  ClassifyOptions,
  Exemption,
  RuleBook,
  RuleBookInput,
  ViolationFinding,
  compileRuleBook,
} from '@app/domain';
import { SessionAssessment, SessionRules } from '../ports/session-rules.port';

/**
 * Adapter: the pure rules engine (`RuleBook.classifySession`) behind the SessionRules port.
 * Also re-checks a running session when an exempted minor overstay would outgrow its margin.
 */
export class RuleBookSessionRules extends SessionRules {
  private book: RuleBook;
  private margins = new Map<string, number>();

  constructor(
    input: RuleBookInput,
    private readonly options: ClassifyOptions = {},
  ) {
    super();
    this.book = compileRuleBook(input);
    this.setMargins(input.exemptions ?? []);
  }

  /** Swap in a recompiled city (after an import or edit). */
  replace(input: RuleBookInput): void {
    this.book = compileRuleBook(input);
    this.setMargins(input.exemptions ?? []);
  }

  async assess(
    spaceId: string,
    startedAt: number,
    until: number,
    ended: boolean,
  ): Promise<SessionAssessment> {
    const c = this.book.classifySession(
      { spaceId, start: startedAt, end: ended ? until : null, now: ended ? undefined : until },
      this.options,
    );
    const breaches = c.violations.map((v) => toBreach(v, until));
    const rechecks = ended ? [] : c.violations.map((v) => this.marginEnd(v)).filter(isNumber);
    const next = [c.deadline, ...rechecks].filter(isNumber).filter((t) => t > until);
    return { breaches, nextCheckAt: next.length ? Math.min(...next) : null };
  }

  private marginEnd(v: ViolationFinding): number | null {
    if (!v.exempted || v.basis !== 'overstay' || v.exemptionId === null) return null;
    const margin = this.margins.get(v.exemptionId);
    return margin === undefined ? null : v.since + margin * 60_000 + 1000;
  }

  private setMargins(exemptions: readonly Exemption[]): void {
    this.margins = new Map(
      exemptions
        .filter((e) => e.minorOverstayMin !== undefined)
        .map((e) => [e.id, e.minorOverstayMin as number]),
    );
  }
}

function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number';
}

function toBreach(v: ViolationFinding, until: number): Breach {
  return {
    kind: v.kind,
    ruleId: v.ruleId,
    since: v.since,
    overstayS: Math.max(0, Math.round((until - v.since) / 1000)),
    exemptionId: v.exempted ? v.exemptionId : null,
    explanation: v.explanation,
  };
}
