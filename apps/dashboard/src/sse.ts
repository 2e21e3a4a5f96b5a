/** One Server-Sent Event as the stream delivered it. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Incremental parser of the `text/event-stream` format (WHATWG HTML, "server-sent events"):
 * feed it text chunks as they arrive (split anywhere), it returns the complete events. Comments
 * (`: ping`) are skipped; `event` defaults to `message`; several `data` lines join with "\n".
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // a lone trailing "\r" may be the first half of "\r\n": wait for the next chunk
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const e = this.line(line);
      if (e) out.push(e);
    }
    return out;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const e: SseEvent = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.id !== undefined) e.id = this.id;
      this.data = [];
      this.event = '';
      return e;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return undefined;
  }
}

/** Reconnect delays: 0.5 s doubling to 30 s, with jitter; reset after a stream that worked. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.75 + random() * 0.5));
}

export interface StreamOptions {
  url: string;
  headers?: Record<string, string>;
  onEvent: (e: SseEvent) => void;
  /** Called when the stream is (re)opened and when it drops (`connected` false). */
  onState?: (connected: boolean) => void;
  /** A 401/403/404 answer: not retried (the token expired, or the caller may not see it). */
  onRefused?: (status: number) => void;
  fetchImpl?: typeof fetch;
}

/**
 * Reads an SSE stream with fetch (EventSource cannot send an Authorization header), and
 * reconnects with backoff until closed. Returns the function that closes it.
 */
export function openStream(o: StreamOptions): () => void {
  const doFetch = o.fetchImpl ?? fetch.bind(globalThis);
  let closed = false;
  let attempt = 0;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async (): Promise<void> => {
    controller = new AbortController();
    let worked = false;
    try {
      const res = await doFetch(o.url, {
        headers: { accept: 'text/event-stream', ...o.headers },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        closed = true;
        o.onRefused?.(res.status);
        return;
      }
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      const parser = new SseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      o.onState?.(true);
      for (;;) {
        const { value, done } = await reader.read();
        if (done || closed) break;
        for (const e of parser.push(value)) {
          worked = true;
          o.onEvent(e);
        }
      }
    } catch {
      // network error or abort: reconnect below unless closed
    }
    if (closed) return;
    o.onState?.(false);
    attempt = worked ? 0 : attempt + 1;
    timer = setTimeout(() => void run(), backoffMs(attempt));
  };
  void run();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}
