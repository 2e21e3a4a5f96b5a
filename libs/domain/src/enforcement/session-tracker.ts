/** How the live state of a space was learned. Only a `status` uplink observes a transition. */
export type ObservationSource = 'status' | 'heartbeat' | 'startup' | 'reconcile';

/** One applied live-state observation of a space (`occupied: null` = unknown / stale). */
export interface SpaceObservation {
  spaceId: string;
  occupied: boolean | null;
  /** Observation time (epoch ms). */
  ts: number;
  source: ObservationSource;
}

/** What the tracker knows about a space: its last observation and its open session, if any. */
export interface SpaceTrack {
  lastTs: number;
  occupied: boolean | null;
  openSince: number | null;
}

export type SessionAction =
  | { type: 'open'; spaceId: string; at: number; inferred: boolean }
  | { type: 'close'; spaceId: string; at: number; inferred: boolean };

export interface TrackStep {
  track: SpaceTrack;
  actions: SessionAction[];
}

/**
 * Derives parking sessions (occupied -> free) from live observations.
 * Duplicates and the same state again change nothing; an observation older than the last one
 * applied is ignored (live state never regresses); a heartbeat or startup that reveals another
 * state than the one known, or a change seen only after the space was unknown, opens or closes a
 * session marked inferred; unknown keeps a session open.
 */
export function observe(prev: SpaceTrack | undefined, o: SpaceObservation): TrackStep {
  if (prev && o.ts < prev.lastTs) return { track: prev, actions: [] };
  const openSince = prev?.openSince ?? null;
  const inferred = o.source !== 'status' || prev?.occupied === null;
  const actions: SessionAction[] = [];
  let nextOpen = openSince;
  if (o.occupied === true && openSince === null) {
    actions.push({ type: 'open', spaceId: o.spaceId, at: o.ts, inferred });
    nextOpen = o.ts;
  } else if (o.occupied === false && openSince !== null) {
    actions.push({ type: 'close', spaceId: o.spaceId, at: Math.max(o.ts, openSince), inferred });
    nextOpen = null;
  }
  return { track: { lastTs: o.ts, occupied: o.occupied, openSince: nextOpen }, actions };
}
