import { Client } from 'pg';
import { Observable } from 'rxjs';
import { CITY_CHANGED_CHANNEL } from './pg-city.store';

export interface CityChange {
  /** The import's counts as sent by PgCityStore (`at`, `inserted`, `updated`, ...). */
  payload: Record<string, unknown>;
}

/**
 * Emits after every committed city import that changed something (`NOTIFY city_changed`).
 * Each subscription holds one dedicated connection (LISTEN needs a session, not a pool) and
 * reconnects after an error, emitting a synthetic change then, since notifications sent while
 * disconnected are lost and the subscriber must reload anyway.
 */
export function cityChanges(databaseUrl: string, retryMs = 2000): Observable<CityChange> {
  return new Observable<CityChange>((sub) => {
    let client: Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    let reconnecting = false;

    const connect = async (): Promise<void> => {
      const c = new Client({ connectionString: databaseUrl, application_name: 'city-listener' });
      client = c;
      c.on('notification', (n) => {
        if (n.channel !== CITY_CHANGED_CHANNEL) return;
        let payload: Record<string, unknown> = {};
        try {
          payload = JSON.parse(n.payload ?? '{}');
        } catch {
          payload = { raw: n.payload };
        }
        sub.next({ payload });
      });
      c.on('error', () => retry());
      try {
        await c.connect();
        await c.query(`LISTEN ${CITY_CHANGED_CHANNEL}`);
        if (reconnecting) sub.next({ payload: { reconnected: true } });
        reconnecting = false;
      } catch {
        retry();
      }
    };
    const retry = (): void => {
      if (closed || timer) return;
      reconnecting = true;
      void client?.end().catch(() => undefined);
      timer = setTimeout(() => {
        timer = undefined;
        void connect();
      }, retryMs);
    };

    void connect();
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      void client?.end().catch(() => undefined);
    };
  });
}
