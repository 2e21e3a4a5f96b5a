import type { CaseStatus, CaseStepView, ViolationKind, ViolationView } from '@app/domain';

export interface ViolationRow {
  id: string;
  session_id: string;
  space_id: string;
  lot_id: string;
  zone_id: string;
  kind: ViolationKind;
  rule_id: string;
  since: Date;
  overstay_s: number;
  exemption_id: string | null;
  explanation: string;
  status: CaseStatus;
  detected_at: Date;
  session_open: boolean;
  session_started_at: Date;
  session_ended_at: Date | null;
}

export interface CaseStepRow {
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  actor: string;
  at: Date;
  comment: string;
}

export function violationToView(r: ViolationRow): ViolationView {
  return {
    id: r.id,
    sessionId: String(r.session_id),
    spaceId: r.space_id,
    lotId: r.lot_id,
    zoneId: r.zone_id,
    kind: r.kind,
    ruleId: r.rule_id,
    status: r.status,
    exempted: r.exemption_id !== null,
    exemptionId: r.exemption_id,
    detectedAt: r.detected_at.toISOString(),
    since: r.since.toISOString(),
    overstayS: r.overstay_s,
    sessionOpen: r.session_open,
    sessionStartedAt: r.session_started_at.toISOString(),
    sessionEndedAt: r.session_ended_at ? r.session_ended_at.toISOString() : null,
    explanation: r.explanation,
  };
}

export function stepToView(r: CaseStepRow): CaseStepView {
  return {
    from: r.from_status,
    to: r.to_status,
    by: r.actor,
    at: r.at.toISOString(),
    comment: r.comment,
  };
}
