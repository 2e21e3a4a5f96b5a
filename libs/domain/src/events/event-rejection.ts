/** Why an event or a whole message was refused (stored in `ingest_rejections.reason`). */
export type RejectReason =
  | 'malformed_json'
  | 'oversized'
  | 'too_many_events'
  | 'schema'
  | 'unknown_sensor'
  | 'wrong_gateway'
  | 'ts_future'
  | 'ts_too_old'
  | 'invalid_text'
  | 'extra_too_large'
  | 'store_refused';

export const REJECT_REASONS: readonly RejectReason[] = [
  'malformed_json',
  'oversized',
  'too_many_events',
  'schema',
  'unknown_sensor',
  'wrong_gateway',
  'ts_future',
  'ts_too_old',
  'invalid_text',
  'extra_too_large',
  'store_refused',
];

export interface EventRejection {
  reason: RejectReason;
  /** PostgreSQL-safe text of at most MAX_DETAIL_CHARS. */
  detail: string;
  /** Position of the event in the message; undefined when the whole message is refused. */
  index?: number;
  /** Set only when it is a valid sensorId. */
  sensorId?: string;
}

/** Limits on an event's observation time relative to the receive time. */
export const MAX_FUTURE_MS = 10 * 60 * 1000;
export const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
export const RAW_KEEP_BYTES = 4096;
