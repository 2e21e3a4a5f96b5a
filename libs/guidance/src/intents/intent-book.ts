/** One open intent as the replica holds it. */
export interface HeldIntent {
  id: string;
  lotId: string;
  spaceId: string | null;
  etaMs: number;
  expiresAtMs: number;
}

/**
 * The open intents this API process knows (fed by the intent channel and snapshots): per space
 * the earliest declared arrival, per lot how many arrivals are expected. Expired intents are
 * dropped at most once a second as queries read the book, and intents on a space are dropped
 * when the space becomes occupied. Empty, it costs the nearby search one comparison.
 */
export class IntentBook {
  private readonly byId = new Map<string, HeldIntent>();
  private readonly bySpace = new Map<string, Set<HeldIntent>>();
  private readonly firstEta = new Map<string, number>();
  private readonly perLot = new Map<string, number>();
  private nextPrune = 0;
  private nextExpiry = Infinity;

  get size(): number {
    return this.byId.size;
  }

  put(i: HeldIntent): void {
    this.remove(i.id);
    const held = { ...i };
    this.byId.set(held.id, held);
    this.perLot.set(held.lotId, (this.perLot.get(held.lotId) ?? 0) + 1);
    if (held.expiresAtMs < this.nextExpiry) this.nextExpiry = held.expiresAtMs;
    if (held.spaceId === null) return;
    let set = this.bySpace.get(held.spaceId);
    if (!set) this.bySpace.set(held.spaceId, (set = new Set()));
    set.add(held);
    const first = this.firstEta.get(held.spaceId);
    if (first === undefined || held.etaMs < first) this.firstEta.set(held.spaceId, held.etaMs);
  }

  remove(id: string): boolean {
    const held = this.byId.get(id);
    if (!held) return false;
    this.byId.delete(id);
    const n = (this.perLot.get(held.lotId) ?? 1) - 1;
    if (n > 0) this.perLot.set(held.lotId, n);
    else this.perLot.delete(held.lotId);
    if (held.spaceId !== null) {
      const set = this.bySpace.get(held.spaceId)!;
      set.delete(held);
      if (set.size === 0) {
        this.bySpace.delete(held.spaceId);
        this.firstEta.delete(held.spaceId);
      } else {
        let first = Infinity;
        for (const o of set) if (o.etaMs < first) first = o.etaMs;
        this.firstEta.set(held.spaceId, first);
      }
    }
    return true;
  }

  /** Replaces everything with a snapshot. */
  load(intents: Iterable<HeldIntent>): void {
    this.byId.clear();
    this.bySpace.clear();
    this.firstEta.clear();
    this.perLot.clear();
    this.nextExpiry = Infinity;
    for (const i of intents) this.put(i);
  }

  /** The space's target is taken: its intents are done. */
  dropSpace(spaceId: string): void {
    const set = this.bySpace.get(spaceId);
    if (set) for (const held of [...set]) this.remove(held.id);
  }

  /** Drops expired intents (cheap when called often: at most one pass a second). */
  prune(nowMs: number): void {
    if (nowMs < this.nextPrune || nowMs < this.nextExpiry) return;
    this.nextPrune = nowMs + 1000;
    this.nextExpiry = Infinity;
    for (const held of [...this.byId.values()]) {
      if (held.expiresAtMs <= nowMs) this.remove(held.id);
      else if (held.expiresAtMs < this.nextExpiry) this.nextExpiry = held.expiresAtMs;
    }
  }

  /** The earliest declared arrival at a space, undefined when none. */
  firstArrival(spaceId: string): number | undefined {
    return this.firstEta.get(spaceId);
  }

  /** Open intents on a lot (its spaces and the lot itself). */
  expectedArrivals(lotId: string): number {
    return this.perLot.get(lotId) ?? 0;
  }

  /** Lot groups of intents on spaces outside any lot (named `~<spaceId>`). */
  *soloGroups(): Iterable<string> {
    for (const i of this.byId.values()) if (i.lotId.startsWith('~')) yield i.lotId;
  }

  /** The spaces with at least one open intent. */
  targetedSpaces(): string[] {
    return [...this.bySpace.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }
}
