import { Client } from 'pg';
import { Observable } from 'rxjs';

export interface PgNotification {
  /** The NOTIFY payload parsed as JSON (`{ raw }` when it is not JSON), or `{ reconnected: true }`. */
  payload: Record<string, unknown>;
}

export interface PgNotifyListenerOptions {
  name?: string;
  onError?: (err: unknown) => void;
  /** First retry delay, doubled per failed attempt up to 10 s. */
  retryMs?: number;
}

const MAX_RETRY_MS = 10_000;
const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * A process's one `LISTEN <channel>` connection (LISTEN needs a session, not a pool), shared by
 * every subscriber of the process. After a reconnect each subscriber gets a synthetic
 * `{ reconnected: true }` notification: notifications sent while disconnected are lost, so the
 * subscriber must resynchronise.
 */
export class PgNotifyListener {
  private readonly subscribers = new Set<(n: PgNotification) => void>();
  private client: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private started: Promise<void> | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly opts: PgNotifyListenerOptions = {},
  ) {
    if (!CHANNEL.test(channel)) throw new Error(`bad NOTIFY channel name "${channel}"`);
  }

  /** Resolves once listening, or after a failed first attempt (then retried in the background). */
  start(): Promise<void> {
    return (this.started ??= this.connect(false, 0));
  }

  /** Returns the unsubscribe function. */
  subscribe(onNotify: (n: PgNotification) => void): () => void {
    this.subscribers.add(onNotify);
    return () => this.subscribers.delete(onNotify);
  }

  /** The notifications as an Observable (subscribing starts the listener). */
  changes(): Observable<PgNotification> {
    return new Observable<PgNotification>((sub) => {
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

  private emit(n: PgNotification): void {
    for (const fn of [...this.subscribers]) {
      try {
        fn(n);
      } catch (err) {
        this.opts.onError?.(err);
      }
    }
  }

  private async connect(signal: boolean, attempt: number): Promise<void> {
    if (this.closed) return;
    const c = new Client({
      connectionString: this.databaseUrl,
      application_name: this.opts.name ?? `${this.channel}-listener`,
    });
    c.on('notification', (n) => {
      if (n.channel !== this.channel) return;
      let payload: Record<string, unknown> = {};
      try {
        payload = JSON.parse(n.payload ?? '{}');
      } catch {
        payload = { raw: n.payload };
      }
      this.emit({ payload });
    });
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c, new Error(`${this.channel} listener connection ended`)));
    try {
      await c.connect();
      await c.query(`LISTEN ${this.channel}`);
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
