export type LiveState = 'free' | 'occupied' | 'unknown';

/** One space as the live store knows it (see docs/live-store.md section 2). */
export interface LiveSpace {
  spaceId: string;
  lotId: string;
  state: LiveState;
  /** Epoch ms since when the space is in `state`. */
  since: number;
  /** Epoch ms (server receive time) of the last applied uplink. */
  lastSeen: number;
  seq: number;
  bootTs: number;
  lastTs: number;
  occupied: boolean;
  batteryMv: number | null;
  batteryLow: boolean;
  sensorId: string;
  ver: number;
  lost: number;
  staleMs: number;
  /**
   * Which of the 32 seqs below `seq` (current boot) were seen: bit k-1 for seq - k, unsigned.
   * Absent (= 0) in records written before the field existed.
   */
  seen?: number;
}

export interface LotCounts {
  lotId: string;
  free: number;
  occupied: number;
  unknown: number;
}

export interface ZoneCounts {
  zoneId: string;
  free: number;
  occupied: number;
  unknown: number;
}

export interface LiveChange {
  spaceId: string;
  lotId: string;
  zoneId: string;
  state: LiveState;
  since: number;
  lastSeen: number;
  seq: number;
  batteryLow: boolean;
  ver: number;
}

/** The message on `<prefix>live:changes` (docs/live-store.md section 3). */
export interface LiveChangeMessage {
  v: 1;
  reset?: true;
  changes?: LiveChange[];
  lots?: Array<LotCounts & { zoneId: string }>;
}

/** Zone counts as the sums of their lots' counts (lots without counts add nothing). */
export function sumZoneCounts(
  lotsByZone: Map<string, string[]>,
  lotCounts: Iterable<LotCounts>,
): ZoneCounts[] {
  const byLot = new Map([...lotCounts].map((c) => [c.lotId, c]));
  return [...lotsByZone.entries()].map(([zoneId, lots]) => {
    const z: ZoneCounts = { zoneId, free: 0, occupied: 0, unknown: 0 };
    for (const l of lots) {
      const c = byLot.get(l);
      if (!c) continue;
      z.free += c.free;
      z.occupied += c.occupied;
      z.unknown += c.unknown;
    }
    return z;
  });
}
