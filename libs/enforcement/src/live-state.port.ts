import type { SpaceObservation } from '@app/domain';

/** Port: the current live state of every space (used to reconcile sessions at start). */
export abstract class LiveStateSource {
  abstract currentStates(): Promise<SpaceObservation[]>;
}
