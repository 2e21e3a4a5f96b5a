import { CompiledWindow, compileWindow } from '../calendar/compiled-window';
import { Rule } from './rule.schema';

export interface CompiledTidalEntry {
  readonly window: CompiledWindow;
  readonly audience: string;
  readonly maxStayMin: number | null;
}

/** A rule with its windows compiled; the order of a space's rules is lot rules, then its own. */
export type CompiledRule =
  | {
      readonly kind: 'audience';
      readonly id: string;
      readonly audience: string;
      readonly windows: readonly CompiledWindow[];
    }
  | {
      readonly kind: 'short_stay';
      readonly id: string;
      readonly maxStayMin: number;
      readonly windows: readonly CompiledWindow[];
    }
  | {
      readonly kind: 'no_parking';
      readonly id: string;
      readonly windows: readonly CompiledWindow[];
    }
  | {
      readonly kind: 'tidal';
      readonly id: string;
      readonly defaultAudience: string;
      readonly entries: readonly CompiledTidalEntry[];
    };

export function compileRule(rule: Rule): CompiledRule {
  switch (rule.kind) {
    case 'audience':
      return {
        kind: 'audience',
        id: rule.id,
        audience: rule.audience,
        windows: rule.windows.map(compileWindow),
      };
    case 'short_stay':
      return {
        kind: 'short_stay',
        id: rule.id,
        maxStayMin: rule.maxStayMin,
        windows: rule.windows.map(compileWindow),
      };
    case 'no_parking':
      return { kind: 'no_parking', id: rule.id, windows: rule.windows.map(compileWindow) };
    case 'tidal':
      return {
        kind: 'tidal',
        id: rule.id,
        defaultAudience: rule.defaultAudience ?? 'public',
        entries: rule.schedule.map((e) => ({
          window: compileWindow(e.window),
          audience: e.audience,
          maxStayMin: e.maxStayMin ?? null,
        })),
      };
  }
}

/** "residents", "school pick-up" for `school_pickup`. */
export function audienceName(audience: string): string {
  if (audience === 'school_pickup') return 'school pick-up';
  return audience.replace(/_/g, ' ');
}
