import { NotFoundError } from '@app/domain';
import type { SignLevelStore } from '@app/live-store';
import type { CatalogSign } from '../ports/catalog.types';
import { nextSignLevel, SignLevel } from './sign-hysteresis';

export interface SignEntryInput {
  lotId: string;
  free: number;
  closed: boolean;
  /** Too few fresh sensors to judge the lot (its status `unknown`): the panel shows no number. */
  unknown: boolean;
}

export interface SignEntryDisplay {
  lotId: string;
  label: string;
  free: number;
  level: SignLevel | 'closed' | 'unknown';
  /** What the panel prints, e.g. "P2 37", "P2 FULL", "P2 --" (unknown). */
  text: string;
}

/** Compare-and-set rounds before a sign answers from this process's own memory of its levels. */
const MAX_ROUNDS = 4;

const LEVELS: ReadonlySet<string> = new Set<SignLevel>(['open', 'almost_full', 'full']);

/**
 * Turns current lot counts into what each sign shows, with each entry's displayed level kept
 * between calls (the hysteresis memory). With a `SignLevelStore` (Redis in production) that memory
 * is shared by every API instance: the levels are read, the next ones computed here and written
 * back only if no other instance changed them meanwhile (else read again), so a panel polling
 * different instances sees one sequence of levels. Without a store, or while the store fails, the
 * levels live in this process (`onStoreError` hears of the failure; the sign still answers).
 */
export class SignBoard {
  private readonly local = new Map<string, SignLevel[]>();

  constructor(
    private readonly store?: SignLevelStore,
    private readonly onStoreError: (err: unknown) => void = () => undefined,
  ) {}

  async display(
    sign: CatalogSign,
    counts: (lotId: string) => SignEntryInput | null,
  ): Promise<{ signId: string; name: string | null; entries: SignEntryDisplay[] }> {
    const inputs = sign.entries.map((e) => {
      const c = counts(e.lotId);
      if (!c) throw new NotFoundError('lot', e.lotId);
      return c;
    });
    const next = (prev: (SignLevel | null)[]) =>
      sign.entries.map((e, n): SignLevel => {
        const before = prev[n] ?? 'open';
        // an unknown lot leaves the hysteresis memory as it was: no count to judge it by
        return inputs[n].unknown ? before : nextSignLevel(before, inputs[n].free, e);
      });
    const levels = (await this.shared(sign, next)) ?? next(this.local.get(sign.id) ?? []);
    this.local.set(sign.id, levels);
    const entries = sign.entries.map((e, n): SignEntryDisplay => {
      const c = inputs[n];
      const shown: SignEntryDisplay['level'] = c.closed
        ? 'closed'
        : c.unknown
          ? 'unknown'
          : levels[n];
      return {
        lotId: e.lotId,
        label: e.label,
        free: c.free,
        level: shown,
        text: text(e.label, shown, c.free),
      };
    });
    return { signId: sign.id, name: sign.name ?? null, entries };
  }

  /** The levels agreed through the store; null without a store or when it failed. */
  private async shared(
    sign: CatalogSign,
    next: (prev: (SignLevel | null)[]) => SignLevel[],
  ): Promise<SignLevel[] | null> {
    if (!this.store) return null;
    let levels: SignLevel[] | null = null;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const held = (await this.store.read(sign.id, sign.entries.length)).map((l) =>
          l !== null && LEVELS.has(l) ? (l as SignLevel) : null,
        );
        levels = next(held);
        if (levels.every((l, i) => l === held[i])) return levels;
        if (await this.store.replace(sign.id, held, levels)) return levels;
      }
      // other instances kept changing them: answer with the levels computed last, unstored
      return levels;
    } catch (err) {
      this.onStoreError(err);
      return null;
    }
  }
}

function text(label: string, level: SignEntryDisplay['level'], free: number): string {
  if (level === 'closed') return `${label} CLOSED`;
  if (level === 'unknown') return `${label} --`;
  if (level === 'full') return `${label} FULL`;
  return `${label} ${free}`;
}
