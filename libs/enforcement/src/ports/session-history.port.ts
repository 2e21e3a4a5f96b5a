import { RecordedSession, RuleBookInput } from '@app/domain';

/** The recorded history a what-if replays, and the city's rules as they are (port). */
export abstract class SessionHistory {
  /**
   * Sessions that started in [from, to), derived from the recorded occupancy events (not the
   * enforcer's table, so a period before the enforcer ran replays too); `end` null when the
   * space was still occupied at `to`.
   */
  abstract sessions(from: number, to: number): Promise<RecordedSession[]>;
  abstract currentRules(): Promise<RuleBookInput>;
}
