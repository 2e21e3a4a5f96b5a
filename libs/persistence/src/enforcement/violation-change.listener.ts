import {
  PgNotification,
  PgNotifyListener,
  PgNotifyListenerOptions,
} from '../notify/pg-notify.listener';

/** NOTIFY channel of committed violation inserts and updates (a trigger on `violations`). */
export const VIOLATION_CHANGED_CHANNEL = 'violation_changed';

/** `payload`: `{ id, zoneId, status }` of the violation row, or `{ reconnected: true }`. */
export type ViolationChange = PgNotification;

/** The process's one `LISTEN violation_changed` connection (the API's violation streams). */
export class ViolationChangeListener extends PgNotifyListener {
  constructor(databaseUrl: string, opts: PgNotifyListenerOptions = {}) {
    super(databaseUrl, VIOLATION_CHANGED_CHANNEL, { name: 'violation-listener', ...opts });
  }
}
