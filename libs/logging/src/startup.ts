import type { Logger } from 'pino';
import { EXIT_UNAVAILABLE, ServiceUnavailableError } from './service-errors';

/**
 * Awaits the start-up probes together; each service that fails is reported in one line
 * (`cannot reach Redis at REDIS_URL=... (ECONNREFUSED)`) and the process exits 69.
 */
export async function requireServices(logger: Logger, probes: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(probes);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length === 0) return;
  for (const f of failed) reportStartFailure(logger, f.reason, 'start-up check failed');
  logger.flush?.();
  process.exit(EXIT_UNAVAILABLE);
}

/** One fatal line: the service line for an unavailable service, else the error with its stack. */
export function reportStartFailure(logger: Logger, err: unknown, msg: string): void {
  if (err instanceof ServiceUnavailableError) {
    logger.fatal(
      { service: err.ref.service, variable: err.ref.variable, exitCode: EXIT_UNAVAILABLE },
      err.message,
    );
  } else {
    logger.fatal({ err }, msg);
  }
}

/** For an entry point's `main().catch(...)`: report and exit (69 for a missing service, else 1). */
export function exitOnStartFailure(logger: Logger, msg: string): (err: unknown) => never {
  return (err: unknown) => {
    reportStartFailure(logger, err, msg);
    logger.flush?.();
    process.exit(err instanceof ServiceUnavailableError ? EXIT_UNAVAILABLE : 1);
  };
}
