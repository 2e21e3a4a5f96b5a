import { Logger } from '@nestjs/common';
import type { EnforcementConfig } from '@app/config';
import type { LiveStore } from '@app/live-store';
import { DataSource } from 'typeorm';
import { EnforcementRunner, LiveEnforcer, RuleBookSessionRules } from '@app/enforcement';
import {
  CityChangeListener,
  PgCityReader,
  PgSessionRepository,
  PgViolationRepository,
} from '@app/persistence';

/** One enforcer at a time: a second instance waits on this lock as a hot standby. */
const ENFORCER_LOCK = 7_264_185;

export interface RunningEnforcer {
  runner: EnforcementRunner;
  stop(): Promise<void>;
}

/**
 * Wires and starts the enforcer: takes the singleton lock, compiles the city's rules, reconciles
 * open sessions with the live state and follows the change channel; reloads the rules
 * periodically. `stop()` releases everything it took.
 */
export async function startEnforcer(
  ds: DataSource,
  live: LiveStore,
  config: EnforcementConfig & { inferEveryMs?: number },
  now: () => number = Date.now,
  /** The process's city listener: rules reload on every city change, not only on the timer. */
  cityChanges?: CityChangeListener,
): Promise<RunningEnforcer> {
  const city = PgCityReader.of(ds);
  const logger = new Logger('enforcer');
  const lock = ds.createQueryRunner();
  await lock.connect();
  let enforcer: LiveEnforcer | null = null;
  let reload: NodeJS.Timeout | null = null;
  let unlisten: (() => void) | null = null;
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [ENFORCER_LOCK]);
    const rules = new RuleBookSessionRules(await city.ruleBookInput(), {
      graceMin: config.graceMin,
      flagStartInsideRestricted: config.flagStartInsideRestricted,
    });
    const runner = new EnforcementRunner(
      new PgSessionRepository(ds),
      new PgViolationRepository(ds),
      rules,
      now,
    );
    enforcer = new LiveEnforcer(live, runner, {
      reconcileEveryMs: config.reconcileEveryMs,
      inferEveryMs: config.inferEveryMs,
    });
    await enforcer.start();
    const reloadRules = () => {
      city
        .ruleBookInput()
        .then((input) => {
          rules.replace(input);
          runner.forgetPlaces();
        })
        .catch((err: unknown) => logger.error(`rules reload failed: ${String(err)}`));
    };
    if (cityChanges) {
      unlisten = cityChanges.subscribe(reloadRules);
      await cityChanges.start();
    }
    reload = setInterval(reloadRules, config.cityReloadEveryMs);
    reload.unref();
    const started = enforcer;
    return {
      runner,
      stop: async () => {
        if (reload) clearInterval(reload);
        unlisten?.();
        await started.stop();
        await lock.query('SELECT pg_advisory_unlock($1)', [ENFORCER_LOCK]).catch(() => undefined);
        await lock.release();
      },
    };
  } catch (err) {
    if (reload) clearInterval(reload);
    unlisten?.();
    await enforcer?.stop().catch(() => undefined);
    await lock.release();
    throw err;
  }
}
