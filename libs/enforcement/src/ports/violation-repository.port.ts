import type { Breach, CaseStatus, CaseStepView, ViolationKind, ViolationView } from '@app/domain';
import type { ParkingSession, SpacePlace } from '../sessions';

export interface ViolationFilter {
  /** null = every zone; [] = none. */
  zones: readonly string[] | null;
  status?: CaseStatus;
  kind?: ViolationKind;
  exempted?: boolean;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface Actor {
  name: string;
  id: string | null;
}

/** Port: violations and their case trail. */
export abstract class ViolationRepository {
  abstract placeOf(spaceId: string): Promise<SpacePlace | null>;
  /**
   * Records or updates the breaches of a session (one violation per session, rule and kind):
   * a new one starts `reported` with a first case step by the system.
   */
  abstract record(session: ParkingSession, place: SpacePlace, breaches: Breach[]): Promise<void>;
  abstract list(f: ViolationFilter): Promise<{ items: ViolationView[]; total: number }>;
  abstract get(id: string, zones: readonly string[] | null): Promise<ViolationView | null>;
  /** Moves the case if it is still in `from`; false when someone else moved it first. */
  abstract transition(
    id: string,
    from: CaseStatus,
    to: CaseStatus,
    actor: Actor,
    comment: string,
  ): Promise<boolean>;
  abstract steps(id: string): Promise<CaseStepView[]>;
}
