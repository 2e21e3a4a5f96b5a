/** A parking session as the enforcement use case sees it (times in epoch ms). */
export interface ParkingSession {
  id: string;
  spaceId: string;
  startedAt: number;
  endedAt: number | null;
  startInferred: boolean;
  endInferred: boolean;
}

/** Where a space sits in the city (violations are scoped by zone). */
export interface SpacePlace {
  spaceId: string;
  lotId: string;
  zoneId: string;
}
