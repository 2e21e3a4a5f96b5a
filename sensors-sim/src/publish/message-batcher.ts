import { gatewayTopic } from '@app/domain';
import type { Delivery } from '../stream/delivery';

/** One MQTT message (or HTTP request body) from one gateway. */
export interface SimMessage {
  /** Simulated time the gateway sends it. */
  atMs: number;
  gatewayId: string;
  topic: string;
  payload: string;
  events: number;
  /** The message carries an intentionally invalid payload. */
  invalid: boolean;
}

export interface BatchOptions {
  /** Up to this many events per message (1 = a bare event object per message). */
  batchSize: number;
  /** A gateway sends a partial batch once its oldest event waited this long (simulated ms). */
  windowMs: number;
  topicRoot: string;
}

interface Open {
  gatewayId: string;
  openedAt: number;
  parts: string[];
}

/** Groups deliveries into per-gateway messages, deterministically (by simulated time and counts). */
export class MessageBatcher {
  private readonly open = new Map<string, Open>();
  private readonly out: SimMessage[] = [];

  constructor(private readonly o: BatchOptions) {
    if (!Number.isInteger(o.batchSize) || o.batchSize < 1 || o.batchSize > 1000) {
      throw new RangeError('batchSize must be 1..1000');
    }
  }

  /** Adds a delivery; returns the messages that became complete (possibly none). */
  add(d: Delivery): SimMessage[] {
    this.out.length = 0;
    this.expire(d.atMs);
    if (d.raw !== null) {
      this.out.push(this.message(d.gatewayId, d.atMs, d.raw, 1, true));
    } else if (this.o.batchSize === 1) {
      this.out.push(this.message(d.gatewayId, d.atMs, JSON.stringify(d.event), 1, false));
    } else {
      let b = this.open.get(d.gatewayId);
      if (!b) {
        b = { gatewayId: d.gatewayId, openedAt: d.atMs, parts: [] };
        this.open.set(d.gatewayId, b);
      }
      b.parts.push(JSON.stringify(d.event));
      if (b.parts.length >= this.o.batchSize) this.close(b, d.atMs);
    }
    return this.out.slice();
  }

  /** Everything still open, at the end of the run. */
  flush(atMs: number): SimMessage[] {
    this.out.length = 0;
    for (const b of [...this.open.values()]) this.close(b, atMs);
    return this.out.slice();
  }

  private expire(now: number): void {
    // Map iteration follows insertion, i.e. opening time: stop at the first batch still young.
    for (const b of this.open.values()) {
      if (b.openedAt + this.o.windowMs > now) break;
      this.close(b, b.openedAt + this.o.windowMs);
    }
  }

  private close(b: Open, atMs: number): void {
    this.open.delete(b.gatewayId);
    this.out.push(
      this.message(b.gatewayId, atMs, `{"events":[${b.parts.join(',')}]}`, b.parts.length, false),
    );
  }

  private message(
    gatewayId: string,
    atMs: number,
    payload: string,
    events: number,
    invalid: boolean,
  ): SimMessage {
    return {
      atMs,
      gatewayId,
      topic: gatewayTopic(gatewayId, this.o.topicRoot),
      payload,
      events,
      invalid,
    };
  }
}
