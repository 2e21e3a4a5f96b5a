import type { ParkingSession } from '../sessions';

/** Port: parking sessions. At most one open session per space. */
export abstract class SessionRepository {
  abstract findOpen(): Promise<ParkingSession[]>;
  /** Opens a session unless one is open for the space already (then returns that one). */
  abstract open(spaceId: string, at: number, inferred: boolean): Promise<ParkingSession>;
  /** Closes the space's open session; null when none was open. */
  abstract close(spaceId: string, at: number, inferred: boolean): Promise<ParkingSession | null>;
  /**
   * Marks inferred the starts and ends (since `since`) that the history shows were revealed by
   * a heartbeat or startup rather than a status uplink; returns how many were marked.
   */
  abstract markInferredFromHistory(since: number): Promise<number>;
}
