import type { ObservationSource, SpaceObservation } from '@app/domain';

/** The fields of a live-store change message (docs/live-store.md, section 3) used here. */
export interface LiveChangeLike {
  spaceId: string;
  state: 'free' | 'occupied' | 'unknown';
  since: number;
  /** Optional: the uplink type that caused the change, when the publisher provides it. */
  type?: string;
}

const SOURCES: readonly string[] = ['status', 'heartbeat', 'startup'];

export function toObservation(c: LiveChangeLike): SpaceObservation {
  const source: ObservationSource =
    c.type !== undefined && SOURCES.includes(c.type) ? (c.type as ObservationSource) : 'status';
  return {
    spaceId: c.spaceId,
    occupied: c.state === 'unknown' ? null : c.state === 'occupied',
    ts: c.since,
    source,
  };
}
