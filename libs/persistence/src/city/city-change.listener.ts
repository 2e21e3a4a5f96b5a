import { Client } from 'pg';
import { Observable } from 'rxjs';
import { CITY_CHANGED_CHANNEL } from './city-channel';

export interface CityChange {
  /** The import's counts as sent by PgCityStore (`at`, `inserted`, ...), or `{ reconnected: true }`. */
  payload: Record<string, unknown>;
}

export interface CityChangeListenerOptions {
  name?: string;
  onError?: (err: unknown) => void;
  /** First retry delay, doubled per failed attempt up to 10 s. */
  retryMs?: number;
}

const MAX_RETRY_MS = 10_000;

/**
 * The process's one `LISTEN city_changed` connection (LISTEN needs a session, not a pool), shared
 * by every reloader of the process. After a reconnect each subscriber gets a synthetic change,
 * since notifications sent while disconnected are lost and the subscriber must reload anyway.
 */
export class CityChangeListener {
  private readonly subscribers = new Set<(change: CityChange) => void>();
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private started: Promise<void> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly opts: CityChangeListenerOptions = {},
  ) {}

  /** Resolves once listening, or after a failed first attempt (then retried in the background). */
  start(): Promise<void> {
    return (this.started ??= this.connect(false, 0));
  }

  /** Returns the unsubscribe function. */
  subscribe(onChange: (change: CityChange) => void): () => void {
    this.subscribers.add(onChange);
    return () => this.subscribers.delete(onChange);
  }

  /** The changes as an Observable (subscribing starts the listener). */
  changes(): Observable<CityChange> {
    return new Observable<CityChange>((sub) => {
      const off = this.subscribe((c) => sub.next(c));
      void this.start();
      return off;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.subscribers.clear();
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => undefined);
  }

  private emit(change: CityChange): void {
    for (const fn of [...this.subscribers]) {
      try {
        fn(change);
      } catch (err) {
        this.opts.onError?.(err);
      }
    }
  }

  private async connect(signal: boolean, attempt: number): Promise<void> {
    if (this.closed) return;
    const c = new Client({
      connectionString: this.databaseUrl,
      application_name: this.opts.name ?? 'city-listener',
    });
    c.on('notification', (n) => {
      if (n.channel !== CITY_CHANGED_CHANNEL) return;
      let payload: Record<string, unknown> = {};
      try {
        payload = JSON.parse(n.payload ?? '{}');
      } catch {
        payload = { raw: n.payload };
      }
      this.emit({ payload });
    });
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c, new Error('city listener connection ended')));
    try {
      await c.connect();
      await c.query(`LISTEN ${CITY_CHANGED_CHANNEL}`);
      if (this.closed) {
        await c.end();
        return;
      }
      this.client = c;
      if (signal) this.emit({ payload: { reconnected: true } });
    } catch (err) {
      this.opts.onError?.(err);
      await c.end().catch(() => undefined);
      this.retry(attempt + 1);
    }
  }

  private lost(c: Client, err: unknown): void {
    if (this.closed || this.client !== c) return;
    this.client = null;
    this.opts.onError?.(err);
    void c.end().catch(() => undefined);
    this.retry(0);
  }

  private retry(attempt: number): void {
    if (this.closed || this.timer) return;
    const delay = Math.min(MAX_RETRY_MS, (this.opts.retryMs ?? 250) * 2 ** attempt);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect(true, attempt);
    }, delay);
    this.timer.unref();
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
