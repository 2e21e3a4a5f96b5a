import type { ViolationKind } from '../rules/rule.schema';
import type { CaseStatus } from './case-status';

/**
 * A breach measured on a session by the rules: `since` is the deadline that was passed,
 * `overstayS` how long past it the car stayed (so far, or in total once the session ended).
 * `exemptionId` names the exemption that spares it; the breach is still recorded.
 */
export interface Breach {
  kind: ViolationKind;
  ruleId: string;
  since: number;
  overstayS: number;
  exemptionId: string | null;
  explanation: string;
}

export interface ViolationView {
  id: string;
  sessionId: string;
  spaceId: string;
  lotId: string;
  zoneId: string;
  kind: ViolationKind;
  ruleId: string;
  status: CaseStatus;
  exempted: boolean;
  exemptionId: string | null;
  detectedAt: string;
  since: string;
  overstayS: number;
  sessionOpen: boolean;
  sessionStartedAt: string;
  sessionEndedAt: string | null;
  explanation: string;
}

export interface CaseStepView {
  from: CaseStatus | null;
  to: CaseStatus;
  by: string;
  at: string;
  comment: string;
}
