import { IntentMessage, IntentStore, LiveIntent } from '../intent-store.port';

interface Subscriber {
  onMessage: (m: IntentMessage) => void;
  active: boolean;
}

/**
 * Intents in process memory (one process: the development profile, tests, the simulator), with
 * the Redis adapter's semantics: per-lot maps, expired intents never answered and purged when
 * their lot is next written, messages delivered asynchronously in order.
 */
export class MemoryIntentStore extends IntentStore {
  private readonly lots = new Map<string, Map<string, LiveIntent>>();
  private readonly subscribers = new Set<Subscriber>();

  async put(intent: LiveIntent, nowMs: number): Promise<void> {
    let lot = this.lots.get(intent.lotId);
    if (!lot) this.lots.set(intent.lotId, (lot = new Map()));
    this.purge(lot, nowMs);
    lot.set(intent.id, { ...intent });
    this.publish({ op: 'put', intent: { ...intent } });
  }

  async get(lotId: string, id: string, nowMs: number): Promise<LiveIntent | null> {
    const i = this.lots.get(lotId)?.get(id);
    return i && i.expiresAtMs > nowMs ? { ...i } : null;
  }

  async remove(lotId: string, id: string, nowMs: number): Promise<boolean> {
    const lot = this.lots.get(lotId);
    const i = lot?.get(id);
    if (!lot || !i) return false;
    lot.delete(id);
    this.purge(lot, nowMs);
    if (lot.size === 0) this.lots.delete(lotId);
    if (i.expiresAtMs <= nowMs) return false;
    this.publish({ op: 'delete', intent: { ...i } });
    return true;
  }

  async snapshot(lotIds: string[], nowMs: number): Promise<LiveIntent[]> {
    const out: LiveIntent[] = [];
    for (const lotId of lotIds) {
      for (const i of this.lots.get(lotId)?.values() ?? []) {
        if (i.expiresAtMs > nowMs) out.push({ ...i });
      }
    }
    return out;
  }

  async subscribe(onMessage: (m: IntentMessage) => void): Promise<() => Promise<void>> {
    const sub: Subscriber = { onMessage, active: true };
    this.subscribers.add(sub);
    return async () => {
      sub.active = false;
      this.subscribers.delete(sub);
    };
  }

  private purge(lot: Map<string, LiveIntent>, nowMs: number): void {
    for (const [id, i] of lot) if (i.expiresAtMs <= nowMs) lot.delete(id);
  }

  private publish(m: IntentMessage): void {
    const to = [...this.subscribers];
    setImmediate(() => {
      for (const s of to) if (s.active) s.onMessage(m);
    });
  }
}
