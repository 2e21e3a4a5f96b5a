import { NotFoundError } from '@app/domain';
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

/**
 * Holds each sign entry's displayed level between calls (the hysteresis memory) and turns
 * current lot counts into what each sign shows. Pure; one instance per API process.
 */
export class SignBoard {
  private readonly levels = new Map<string, SignLevel>();

  display(
    sign: CatalogSign,
    counts: (lotId: string) => SignEntryInput | null,
  ): { signId: string; name: string | null; entries: SignEntryDisplay[] } {
    const entries = sign.entries.map((e, n): SignEntryDisplay => {
      const key = `${sign.id}\u0000${n}`;
      const c = counts(e.lotId);
      if (!c) throw new NotFoundError('lot', e.lotId);
      const prev = this.levels.get(key) ?? 'open';
      // an unknown lot leaves the hysteresis memory as it was: no count to judge it by
      const level = c.unknown ? prev : nextSignLevel(prev, c.free, e);
      this.levels.set(key, level);
      const shown: SignEntryDisplay['level'] = c.closed ? 'closed' : c.unknown ? 'unknown' : level;
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

  /** Forgets entries of signs that no longer exist (after a city reload). */
  retain(signIds: Set<string>): void {
    for (const key of this.levels.keys()) {
      if (!signIds.has(key.slice(0, key.indexOf('\u0000')))) this.levels.delete(key);
    }
  }
}

function text(label: string, level: SignEntryDisplay['level'], free: number): string {
  if (level === 'closed') return `${label} CLOSED`;
  if (level === 'unknown') return `${label} --`;
  if (level === 'full') return `${label} FULL`;
  return `${label} ${free}`;
}
