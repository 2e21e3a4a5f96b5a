import { NotFoundError } from '@app/domain';
import type { CatalogSign } from '../ports/catalog.types';
import { nextSignLevel, SignLevel } from './sign-hysteresis';

export interface SignEntryInput {
  lotId: string;
  free: number;
  closed: boolean;
}

export interface SignEntryDisplay {
  lotId: string;
  label: string;
  free: number;
  level: SignLevel | 'closed';
  /** What the panel prints, e.g. "P2 37", "P2 FULL". */
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
      const level = nextSignLevel(prev, c.free, e);
      this.levels.set(key, level);
      const shown: SignEntryDisplay['level'] = c.closed ? 'closed' : level;
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

function text(label: string, level: SignLevel | 'closed', free: number): string {
  if (level === 'closed') return `${label} CLOSED`;
  if (level === 'full') return `${label} FULL`;
  return `${label} ${free}`;
}
