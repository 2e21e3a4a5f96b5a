/** The timing of a sensor model, as the city file gives it. */
export interface SensorTiming {
  heartbeatIntervalS: number;
  staleGraceS: number;
}

/**
 * Seconds of silence after which a sensor's space is `unknown`: two missed heartbeats plus the
 * model's grace (one lost heartbeat must not blank a space).
 */
export function staleLimitS(model: SensorTiming): number {
  return 2 * model.heartbeatIntervalS + model.staleGraceS;
}
