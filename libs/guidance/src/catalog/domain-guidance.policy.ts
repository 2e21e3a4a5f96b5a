import type { RuleBook, RuleBookInput, SpaceEvaluation } from '@app/domain';
import { compileRuleBook } from '@app/domain';
import type {
  GuidancePolicy as Port,
  LotAccess,
  RuleSummary,
  SpaceAccess,
} from '../ports/guidance-policy.port';
import { GuidancePolicy } from '../ports/guidance-policy.port';

/** Every space's representative (in the book) and policy key, when the book holds only those. */
export interface RepresentativeSpaces {
  representativeOf(spaceId: string): string | undefined;
  policyKeyOf(spaceId: string): string | undefined;
}

/** The GuidancePolicy port over the domain rules engine's compiled RuleBook. */
export class DomainGuidancePolicy extends GuidancePolicy implements Port {
  private readonly book: RuleBook;
  /** Per space, one summary list shared by every space with the same rule ids (memory). */
  private readonly rules = new Map<string, RuleSummary[]>();

  /**
   * `spaces`, when given, maps any space to the one space of its policy key that `input.spaces`
   * holds, and to that key (the book then has no per-space entries: spaces sharing a key answer
   * identically); unknown spaces map to undefined.
   */
  constructor(
    input: RuleBookInput,
    private readonly spaces?: RepresentativeSpaces,
  ) {
    super();
    this.book = compileRuleBook(input);
    const ruleById = new Map((input.rules ?? []).map((r) => [r.id, r]));
    const lots = new Map((input.lots ?? []).map((l) => [l.id, l]));
    const shared = new Map<string, RuleSummary[]>();
    for (const s of input.spaces ?? []) {
      const ids = [...(lots.get(s.lotId)?.ruleIds ?? []), ...(s.ruleIds ?? [])];
      if (ids.length === 0) continue;
      const signature = ids.join('\n');
      let list = shared.get(signature);
      if (!list) {
        list = ids.flatMap((id) => {
          const r = ruleById.get(id);
          return r ? [{ id, kind: r.kind, description: r.description ?? null }] : [];
        });
        shared.set(signature, list);
      }
      this.rules.set(s.id, list);
    }
  }

  /**
   * The book's key groups spaces of alike lots too (same settings, rules and tier): a city's
   * thousands of lots share a few dozen keys, so a search evaluates far fewer rule answers.
   * Built on demand (the replica interns it once per space) rather than held per space.
   */
  policyKey(spaceId: string): string {
    if (this.spaces) return this.spaces.policyKeyOf(spaceId) ?? spaceId;
    return this.book.hasSpace(spaceId) ? this.book.policyKey(spaceId) : spaceId;
  }

  rulesOf(spaceId: string): RuleSummary[] {
    const id = this.spaces ? this.spaces.representativeOf(spaceId) : spaceId;
    return id === undefined ? [] : [...(this.rules.get(id) ?? [])];
  }

  spaceAt(spaceId: string, atMs: number, stayMin: number | null, explain = false): SpaceAccess {
    if (this.spaces) spaceId = this.spaces.representativeOf(spaceId) ?? spaceId;
    const options = { explain };
    if (stayMin === null) return this.toAccess(this.book.evaluateSpace(spaceId, atMs, options));
    const stay = this.book.evaluateStay(spaceId, atMs, stayMin, options);
    return { ...this.toAccess(stay), publicOpen: stay.allowed, stayCost: stay.cost };
  }

  private toAccess(e: SpaceEvaluation): SpaceAccess {
    return {
      publicOpen: e.publicAllowed,
      closed: e.audience === null,
      audience: e.audience,
      usableUntilMs: e.usableUntil,
      nextPublicFromMs: e.nextPublicFrom,
      maxStayMin: e.maxStayMin,
      pricePerHour: e.pricePerHour,
      stayCost: null,
      explanation: [...e.explanation],
    };
  }

  lotAt(lotId: string, atMs: number): LotAccess {
    const s = this.book.lotStatus(lotId, atMs);
    return {
      open: s.open,
      reason: s.reason,
      nextChangeMs: s.nextChange,
      pricePerHour: s.pricePerHour,
      explanation: [...s.explanation],
    };
  }
}
