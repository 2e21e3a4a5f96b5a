import http from 'node:http';

export interface SseEvent {
  event: string;
  data: unknown;
}

/** A minimal SSE reader for tests: collects parsed events until closed. */
export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  ended = false;
  private req!: http.ClientRequest;
  private buf = '';

  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const c = new SseClient();
    return new Promise((resolve, reject) => {
      c.req = http.get(url, { headers }, (res) => {
        c.status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => c.feed(chunk));
        res.on('end', () => (c.ended = true));
        res.on('error', () => (c.ended = true));
        resolve(c);
      });
      c.req.on('error', reject);
    });
  }

  of(event: string): unknown[] {
    return this.events.filter((e) => e.event === event).map((e) => e.data);
  }

  /** Resolves once an event matching `pred` has arrived (rejects after `ms`). */
  async waitFor(pred: (e: SseEvent) => boolean, ms = 5000): Promise<SseEvent> {
    const until = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no matching SSE event within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.req.destroy();
  }

  private feed(chunk: string): void {
    this.buf += chunk;
    let end: number;
    while ((end = this.buf.indexOf('\n\n')) >= 0) {
      const block = this.buf.slice(0, end);
      this.buf = this.buf.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) this.events.push({ event, data: JSON.parse(data) });
    }
  }
}
