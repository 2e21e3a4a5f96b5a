import { SignLevelStore } from '../sign-level.port';

/** Sign levels in process memory (one API process: the development profile and unit tests). */
export class MemorySignLevelStore extends SignLevelStore {
  private readonly levels = new Map<string, (string | null)[]>();

  async read(signId: string, entries: number): Promise<(string | null)[]> {
    const held = this.levels.get(signId) ?? [];
    return Array.from({ length: entries }, (_, i) => held[i] ?? null);
  }

  async replace(signId: string, expected: (string | null)[], next: string[]): Promise<boolean> {
    const held = this.levels.get(signId) ?? [];
    if (expected.some((e, i) => (held[i] ?? null) !== e)) return false;
    this.levels.set(signId, next.slice());
    return true;
  }
}
