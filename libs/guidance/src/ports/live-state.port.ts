import type { Observable } from 'rxjs';

/** The live state of one space as the live store holds it. */
export interface LiveSpaceState {
  spaceId: string;
  /** null when nothing is known yet. */
  occupied: boolean | null;
  /** Epoch ms of the last uplink (any type) of the space's sensor, or null. */
  lastSeenMs: number | null;
  /** Epoch ms since the current occupied/free state holds, or null. */
  sinceMs: number | null;
  batteryLow: boolean;
  /** Per-space version from the live store (+1 per change); older or equal versions are ignored. */
  ver: number;
  /** The sensor's stale limit in ms as the live store knows it, or null. */
  staleMs: number | null;
}

export type LiveChange = { kind: 'state'; state: LiveSpaceState } | { kind: 'resync' };

/**
 * The live store seen from guidance (port). `changes()` streams every applied change from every
 * ingest worker; it emits `resync` once subscribed and whenever changes may have been missed
 * (reconnect, live-store rebuild): the reader takes a snapshot then.
 */
export abstract class LiveStateSource {
  abstract snapshot(): Promise<LiveSpaceState[]>;
  abstract changes(): Observable<LiveChange>;
}
