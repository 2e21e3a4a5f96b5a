import { redactUrl } from './redact';

/** A service the process depends on, named as the operator configures it. */
export interface ServiceRef {
  /** `PostgreSQL`, `Redis`, `MQTT broker`. */
  service: string;
  /** The setting that points at it: `DATABASE_URL`, `REDIS_URL`, `MQTT_URL`. */
  variable: string;
  url: string;
}

/** Exit code of a process that cannot reach a service it needs at start (sysexits EX_UNAVAILABLE). */
export const EXIT_UNAVAILABLE = 69;

/** What went wrong, short: an errno code, a PostgreSQL SQLSTATE and its text, or the message. */
export function errorReason(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; errors?: unknown };
    // pg/ioredis wrap "connect to every address failed" (IPv4 + IPv6) in an AggregateError
    if (Array.isArray(e.errors) && e.errors.length > 0 && !e.code) return errorReason(e.errors[0]);
    const code = typeof e.code === 'string' ? e.code : '';
    const msg = typeof e.message === 'string' ? e.message.split('\n')[0] : '';
    if (/^[0-9A-Z]{5}$/.test(code) && !code.startsWith('E')) return `${code} ${msg}`;
    if (code) return code;
    if (msg) return msg;
  }
  return String(err);
}

/** `cannot reach Redis at REDIS_URL=redis://h:6390/0 (ECONNREFUSED)`, password redacted. */
export function serviceLine(ref: ServiceRef, err: unknown, verb = 'cannot reach'): string {
  return `${verb} ${ref.service} at ${ref.variable}=${redactUrl(ref.url)} (${errorReason(err)})`;
}

/** A service the process needs answered not at all, or refused us; `message` is one line. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly ref: ServiceRef,
    override readonly cause: unknown,
  ) {
    super(serviceLine(ref, cause));
    this.name = 'ServiceUnavailableError';
  }
}
