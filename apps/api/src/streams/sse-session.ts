import type { ServerResponse } from 'node:http';
import { CoalescingBuffer } from '@app/guidance';

/**
 * One Server-Sent Events connection with bounded memory: while the socket refuses more data the
 * events wait in a per-key coalescing buffer (only the latest per lot/space is kept); when that
 * buffer is full the client gets a final `overflow` event and is disconnected.
 */
export class SseSession {
  private readonly pending: CoalescingBuffer<string>;
  private blocked = false;
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closeHandlers: (() => void)[] = [];
  overflowed = false;

  /**
   * `headers`: what the framework had set on the reply before it was hijacked (CORS, ...), which a
   * hijacked reply would otherwise drop.
   */
  constructor(
    private readonly raw: ServerResponse,
    maxPending: number,
    heartbeatMs = 15_000,
    headers: Record<string, unknown> = {},
  ) {
    this.pending = new CoalescingBuffer<string>(maxPending);
    const kept: Record<string, string | number | string[]> = {};
    for (const [k, v] of Object.entries(headers)) {
      if (typeof v === 'string' || typeof v === 'number' || Array.isArray(v)) kept[k] = v;
    }
    raw.writeHead(200, {
      ...kept,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    raw.on('drain', () => this.flush());
    raw.on('close', () => this.closeNow());
    this.heartbeat = setInterval(() => !this.blocked && this.write(': ping\n\n'), heartbeatMs);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onClose(fn: () => void): void {
    this.closeHandlers.push(fn);
  }

  send(key: string, event: string, data: unknown): void {
    if (this.closed) return;
    const chunk = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    if (!this.blocked) return this.write(chunk);
    if (!this.pending.put(key, chunk)) {
      this.overflowed = true;
      this.end('overflow', { message: 'client too slow; reconnect and resynchronise' });
    }
  }

  /** Sends a final event and closes the connection. */
  end(event: string, data: unknown): void {
    if (this.closed) return;
    this.raw.end(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    this.closeNow();
  }

  private write(chunk: string): void {
    if (!this.raw.write(chunk)) this.blocked = true;
  }

  private flush(): void {
    this.blocked = false;
    let chunk: string | undefined;
    while (!this.blocked && !this.closed && (chunk = this.pending.shift()) !== undefined) {
      this.write(chunk);
    }
  }

  private closeNow(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const fn of this.closeHandlers.splice(0)) fn();
  }
}
