import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/** Nest's start-up chatter ("Mapped {/x, GET} route", "... dependencies initialized"): debug. */
const CHATTER = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Nest's LoggerService on the process's pino logger: no coloured text, one JSON shape. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const args = [...rest];
    const context =
      args.length > 0 && typeof args[args.length - 1] === 'string'
        ? (args.pop() as string)
        : undefined;
    if (level === 'info' && context && CHATTER.has(context)) level = 'debug';
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    // Nest passes an error's stack as the argument before the context
    const stack = args.find((a): a is string => typeof a === 'string' && /\n\s+at /.test(a));
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, message.message);
      return;
    }
    if (stack) fields.stack = stack;
    if (typeof message === 'string') this.pino[level](fields, message);
    else this.pino[level]({ ...fields, detail: message }, String(message));
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
}
