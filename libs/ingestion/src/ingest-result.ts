import type { RejectReason } from '@app/domain';

export interface IngestMessage {
  gatewayId: string;
  payload: Buffer;
  /** Epoch ms when the broker/HTTP server handed the message to us. */
  receivedAt: number;
}

export type EventStatus = 'accepted' | 'late' | 'duplicate' | 'rejected';

export interface EventResult {
  index: number;
  sensorId?: string;
  status: EventStatus;
  reason?: RejectReason;
  detail?: string;
}

export interface MessageResult {
  accepted: number;
  late: number;
  duplicates: number;
  rejected: number;
  /** Set when the whole message was refused (malformed, oversized, too many events, ...). */
  rejection?: { reason: RejectReason; detail: string };
  events: EventResult[];
}
