import type { Logger } from 'pino';
import { redactUrl } from './redact';
import { errorReason, ServiceRef } from './service-errors';

export type OutageSink = Pick<Logger, 'warn' | 'info'>;

/**
 * Reports a service outage once, not per retry: one line when the first connection (of those
 * tracked by key, e.g. one per MQTT partition) fails, again at most every `repeatMs` while any
 * stays down, and one line when all are back.
 */
export class OutageLog {
  private readonly down = new Set<string>();
  private since = 0;
  private lastReport = 0;
  private lastReason = '';

  constructor(
    private readonly log: OutageSink,
    private readonly ref: ServiceRef,
    private readonly repeatMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get isDown(): boolean {
    return this.down.size > 0;
  }

  private get where(): string {
    return `${this.ref.service} at ${this.ref.variable}=${redactUrl(this.ref.url)}`;
  }

  /** A connection attempt (or the connection) of `key` failed. */
  failed(err: unknown, key = ''): void {
    const t = this.now();
    const reason = errorReason(err);
    this.lastReason = reason;
    const fields = { service: this.ref.service, variable: this.ref.variable, reason };
    if (this.down.size === 0) {
      this.down.add(key);
      this.since = t;
      this.lastReport = t;
      this.log.warn(fields, `cannot reach ${this.where} (${reason}); retrying`);
      return;
    }
    this.down.add(key);
    if (t - this.lastReport >= this.repeatMs) {
      this.lastReport = t;
      const s = Math.round((t - this.since) / 1000);
      this.log.warn(
        { ...fields, downS: s },
        `still cannot reach ${this.where} after ${s} s (${reason}); retrying`,
      );
    }
  }

  /** `key` is connected (again). */
  recovered(key = ''): void {
    if (!this.down.delete(key) || this.down.size > 0) return;
    const s = Math.round((this.now() - this.since) / 1000);
    this.log.info(
      { service: this.ref.service, variable: this.ref.variable, downS: s, reason: this.lastReason },
      `connected to ${this.where} again after ${s} s`,
    );
  }

  /** `key` is gone for good (stopped on purpose): it no longer keeps the outage open. */
  forget(key = ''): void {
    this.down.delete(key);
  }
}
