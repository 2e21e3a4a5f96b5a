import type { SimMessage } from './message-batcher';

/** Where the simulated gateways send their messages. `publish` resolves once the message is acknowledged. */
export abstract class Publisher {
  abstract readonly name: string;
  abstract start(): Promise<void>;
  abstract publish(message: SimMessage): Promise<void>;
  abstract close(): Promise<void>;
  /** Transport-specific counters for the summary (e.g. HTTP status codes). */
  stats(): Record<string, number> {
    return {};
  }
}

/** Keeps nothing: for measuring generation speed and for dry runs. */
export class NullPublisher extends Publisher {
  readonly name = 'none';
  readonly messages: SimMessage[] = [];

  constructor(private readonly keep = false) {
    super();
  }

  async start(): Promise<void> {}

  async publish(message: SimMessage): Promise<void> {
    if (this.keep) this.messages.push(message);
  }

  async close(): Promise<void> {}
}
