/**
 * A driver's declared intent to park: a target (a space, or a lot when `spaceId` is null) and an
 * arrival time. No vehicle, person or device identity: the id is opaque and random.
 */
export interface LiveIntent {
  id: string;
  lotId: string;
  spaceId: string | null;
  etaMs: number;
  /** After this instant the intent no longer counts (and the store may forget it). */
  expiresAtMs: number;
}

/** One intent change on the intent channel: `put` creates or replaces, `delete` removes. */
export interface IntentMessage {
  op: 'put' | 'delete';
  intent: LiveIntent;
}

/**
 * Open intents, kept only in the live store (per lot, so one lot's intents share a cluster slot)
 * and announced on an intent channel so every API process sees every other's. Expired intents
 * are never answered; the store forgets them lazily.
 */
export abstract class IntentStore {
  /** Creates or replaces the intent (by lot and id) and announces it. */
  abstract put(intent: LiveIntent, nowMs: number): Promise<void>;
  abstract get(lotId: string, id: string, nowMs: number): Promise<LiveIntent | null>;
  /** Removes and announces; false when there was no such open intent. */
  abstract remove(lotId: string, id: string, nowMs: number): Promise<boolean>;
  /** The open intents of the given lots. */
  abstract snapshot(lotIds: string[], nowMs: number): Promise<LiveIntent[]>;
  /**
   * Resolves once subscribed; the returned function unsubscribes. `onResync` is called whenever
   * messages may have been missed (after a reconnect): the subscriber reads a snapshot then.
   */
  abstract subscribe(
    onMessage: (m: IntentMessage) => void,
    onResync?: () => void,
  ): Promise<() => Promise<void>>;
}

/** The stored form of an intent's fields (the lot and id are the key and field). */
export function encodeIntent(i: LiveIntent): string {
  return JSON.stringify([i.spaceId, i.etaMs, i.expiresAtMs]);
}

export function decodeIntent(lotId: string, id: string, text: string): LiveIntent | null {
  try {
    const [spaceId, etaMs, expiresAtMs] = JSON.parse(text) as [string | null, number, number];
    if (typeof etaMs !== 'number' || typeof expiresAtMs !== 'number') return null;
    return { id, lotId, spaceId: typeof spaceId === 'string' ? spaceId : null, etaMs, expiresAtMs };
  } catch {
    return null;
  }
}
