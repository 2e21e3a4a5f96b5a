import type { SimMessage } from './message-batcher';
import { Publisher } from './publisher';

export interface HttpPublisherOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  /** gatewayId -> plaintext secret (the secrets file written by `sim city`). */
  secrets: Record<string, string>;
  retries: number;
}

const PATH = '/v1/ingest/events';

/**
 * The HTTP fallback: POST /v1/ingest/events with HTTP Basic gatewayId:secret. Invalid messages are
 * expected to be answered with a rejection; valid ones are retried on 5xx and network errors.
 */
export class HttpPublisher extends Publisher {
  readonly name = 'http';
  private readonly statuses = new Map<string, number>();

  constructor(private readonly o: HttpPublisherOptions) {
    super();
  }

  async start(): Promise<void> {}

  async publish(m: SimMessage): Promise<void> {
    const secret = this.o.secrets[m.gatewayId];
    if (secret === undefined) throw new Error(`no secret for gateway ${m.gatewayId}`);
    const auth = Buffer.from(`${m.gatewayId}:${secret}`).toString('base64');
    for (let attempt = 0; ; attempt++) {
      let status: number;
      try {
        const res = await fetch(new URL(PATH, this.o.baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Basic ${auth}` },
          body: m.payload,
        });
        await res.arrayBuffer();
        status = res.status;
      } catch (err) {
        this.count('network_error');
        if (attempt >= this.o.retries) throw err;
        await backoff(attempt);
        continue;
      }
      this.count(`http_${status}`);
      if (status >= 500 && attempt < this.o.retries) {
        await backoff(attempt);
        continue;
      }
      if (status >= 400 && !m.invalid) throw new Error(`${m.gatewayId}: HTTP ${status}`);
      return;
    }
  }

  async close(): Promise<void> {}

  override stats(): Record<string, number> {
    return Object.fromEntries(this.statuses);
  }

  private count(key: string): void {
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }
}

function backoff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
}
