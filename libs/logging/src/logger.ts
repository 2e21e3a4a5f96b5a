import pino, { Logger } from 'pino';
import { prettyDestination } from './pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** The process: `api`, `ingest`, `enforcer`, `dev` (the `app` field of every line). */
  app: string;
  level?: string;
  /** One-line text instead of JSON (development). */
  pretty?: boolean;
}

/**
 * The one logger shape of every process: pino JSON lines `{level,time,app,msg,...}` on stdout
 * (level as pino's number, time in epoch ms), or the same as one-line text when `pretty`.
 */
export function createLogger(o: LoggerOptions): Logger {
  const options = {
    level: o.level ?? 'info',
    base: { app: o.app },
    serializers: { err: pino.stdSerializers.err },
  };
  return o.pretty ? pino(options, prettyDestination()) : pino(options);
}

let root: Logger | null = null;

/** Sets the process's logger (call once at the start of an entry point). */
export function initLogging(o: LoggerOptions): Logger {
  root = createLogger(o);
  return root;
}

/**
 * The process's logger for library code that has none passed in; JSON at info (`app`
 * "parking") until an entry point calls `initLogging`.
 */
export function rootLogger(): Logger {
  root ??= createLogger({ app: 'parking' });
  return root;
}
