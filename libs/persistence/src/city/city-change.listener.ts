import { Observable } from 'rxjs';
import {
  PgNotification,
  PgNotifyListener,
  PgNotifyListenerOptions,
} from '../notify/pg-notify.listener';
import { CITY_CHANGED_CHANNEL } from './city-channel';

/** `payload`: the import's counts as sent by PgCityStore (`at`, `inserted`, ...), or `{ reconnected: true }`. */
export type CityChange = PgNotification;

export type CityChangeListenerOptions = PgNotifyListenerOptions;

/**
 * The process's one `LISTEN city_changed` connection, shared by every reloader of the process.
 * After a reconnect each subscriber gets a synthetic change (it must reload anyway).
 */
export class CityChangeListener extends PgNotifyListener {
  constructor(databaseUrl: string, opts: CityChangeListenerOptions = {}) {
    super(databaseUrl, CITY_CHANGED_CHANNEL, { name: 'city-listener', ...opts });
  }
}

/** One private listener as an Observable (closed on unsubscribe). */
export function cityChanges(databaseUrl: string, retryMs = 250): Observable<CityChange> {
  return new Observable<CityChange>((sub) => {
    const listener = new CityChangeListener(databaseUrl, { retryMs });
    const off = listener.subscribe((c) => sub.next(c));
    void listener.start();
    return () => {
      off();
      void listener.close();
    };
  });
}
