import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { createLogger } from '@app/logging';
import { loadConfig } from '@app/config';
import { CityChangeListener, openDatabase } from '@app/persistence';
import { createApiApp } from '../../api/src/bootstrap';
import { startEnforcer } from '../../enforcer/src/wiring';
import { startWorker } from '../../ingest/src/worker/start-worker';
import { banner } from './banner';
import { startEmbeddedBroker } from './embedded-broker';
import { startEmbeddedPostgres } from './embedded-postgres';
import { prepareFirstStart } from './first-start';
import { createDevLiveState } from './live-state';
import { loadOrCreateSecrets, localDir } from './local-state';
import { firstFreePort } from './ports';
import { dropNewListeners, snapshotListeners } from './signals';

export const PROFILE = 'embedded development profile';
const DATABASE = 'parking';
/** Grace for the whole orderly stop before the process exits anyway (PostgreSQL still signalled). */
const STOP_GRACE_MS = 25_000;

export interface RunEmbeddedOptions {
  /** The repository root (data/, node_modules/, dist/). */
  root: string;
  /** The environment (with `.env` applied): no service URL in it. */
  env: Record<string, string | undefined>;
  argv: string[];
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm start` with no service configured: embedded PostgreSQL, an in-process MQTT broker, and
 * api + ingest worker + enforcer in this one process (docs/dev-profile.md). Resolves once serving;
 * SIGINT/SIGTERM stop everything in order and exit 0.
 */
export async function runEmbedded(o: RunEmbeddedOptions): Promise<void> {
  const simulate = o.argv.includes('--simulate');
  for (const a of o.argv) if (a !== '--simulate') err(`unknown option ${a} (ignored)`);
  /** What has started, stopped last-first. */
  const stops: { name: string; stop: () => Promise<void> }[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      err(`stop took longer than ${STOP_GRACE_MS / 1000} s; exiting`);
      process.exit(code || 1);
    }, STOP_GRACE_MS).unref();
    for (const s of stops.reverse()) {
      await s.stop().catch((e: unknown) => err(`stopping ${s.name}: ${String(e)}`));
    }
    out(`${PROFILE} stopped`);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const step = async <T>(what: () => Promise<T>): Promise<T> => {
    const v = await what();
    if (stopping) await new Promise(() => undefined); // stopping: never go on
    return v;
  };

  const phases: string[] = [];
  let last = 0;
  const mark = (name: string) => {
    const now = process.uptime();
    phases.push(`${name} ${(now - last).toFixed(1)} s`);
    last = now;
  };
  mark('node + modules');
  try {
    const local = localDir(o.root, o.env);
    const { secrets } = loadOrCreateSecrets(local);
    out(`starting the ${PROFILE} (not for production); local data in ${local}`);

    const pgLog: string[] = [];
    const pg = await step(() =>
      startEmbeddedPostgres(o.root, {
        dir: join(local, 'pg'),
        password: secrets.pgPassword,
        preferredPort: 5432,
        onLog: (line) => {
          pgLog.push(line);
          if (pgLog.length > 40) pgLog.shift();
          // (once stopping, backends still closing log FATAL: expected)
          if (!stopping && /FATAL|PANIC|ERROR/.test(line)) err(`postgres: ${line}`);
        },
      }).catch((e: unknown) => {
        err(pgLog.join('\n'));
        throw e;
      }),
    );
    stops.push({ name: 'PostgreSQL', stop: () => pg.stop() });
    mark('postgres');
    await step(() => ensureDatabase(pg.adminUrl, DATABASE));

    const broker = await step(() => startEmbeddedBroker(1883, err));
    stops.push({ name: 'MQTT broker', stop: () => broker.close() });
    mark('broker');

    const httpPort = o.env.HTTP_PORT ? Number(o.env.HTTP_PORT) : await firstFreePort(3000);
    const metricsPort = o.env.INGEST_METRICS_PORT
      ? Number(o.env.INGEST_METRICS_PORT)
      : await firstFreePort(9464);
    const config = loadConfig({
      ...o.env,
      DATABASE_URL: pg.urlOf(DATABASE),
      MQTT_URL: broker.url,
      MQTT_PROTOCOL_VERSION: '4',
      JWT_SECRET: o.env.JWT_SECRET || secrets.jwtSecret,
      HTTP_PORT: String(httpPort),
      INGEST_METRICS_PORT: String(metricsPort),
    });

    // the same migrations as the API's boot, then the sample city and the first admin once
    const setup = await step(() => openDatabase(config, 'dev-setup'));
    const first = await prepareFirstStart(
      setup,
      join(o.root, 'data', 'sample-city.json'),
      config.auth,
    ).finally(() => setup.destroy());
    mark(first.importedSpaces > 0 ? 'migrations + sample city' : 'migrations');

    const live = createDevLiveState((e) => err(`live state subscriber: ${String(e)}`));

    const signals = snapshotListeners();
    const api = await step(() => createApiApp(config, { live: live.state }));
    dropNewListeners(signals);
    stops.push({ name: 'api', stop: () => api.close() });
    await step(() => api.listen(config.http.port, config.http.host));
    mark('api');

    const logger = createLogger({
      app: 'ingest',
      level: config.logging.level,
      pretty: config.logging.pretty,
    });
    const worker = await step(() => startWorker(config, logger, { live: live.state }));
    stops.push({ name: 'ingest worker', stop: () => worker.stop() });
    mark('ingest');

    const enforcerDs = await step(() => openDatabase(config, 'enforcer'));
    stops.push({ name: 'enforcer database', stop: () => enforcerDs.destroy() });
    const enforcerLive = live.enforcerStore();
    stops.push({ name: 'enforcer live state', stop: () => enforcerLive.close() });
    const cityChanges = new CityChangeListener(config.db.url, {
      name: 'enforcer-city-listen',
      onError: (e) => err(`enforcer city_changed listener: ${String(e)}`),
    });
    stops.push({ name: 'enforcer city listener', stop: () => cityChanges.close() });
    const enforcer = await step(() =>
      startEnforcer(enforcerDs, enforcerLive.store, config.enforcement, Date.now, cityChanges),
    );
    stops.push({ name: 'enforcer', stop: () => enforcer.stop() });
    mark('enforcer');

    let sim: ChildProcess | null = null;
    if (simulate) {
      sim = startSimulator(o.root, broker.url);
      const child = sim;
      stops.push({ name: 'simulator', stop: () => stopChild(child) });
    }

    const apiUrl = `http://${config.http.host}:${config.http.port}`;
    out(
      banner({
        profile: PROFILE,
        apiUrl,
        openApiUrl: `${apiUrl}/v1/openapi.json`,
        dashboardUrl: (await routeExists(`${apiUrl}/dashboard`)) ? `${apiUrl}/dashboard` : null,
        mqttUrl: broker.url,
        mqttPort: broker.port,
        databaseUrl: pg.urlOf(DATABASE),
        dataDir: relativeOrAbsolute(o.root, join(local, 'pg')),
        liveState: live.description,
        importedSpaces: first.importedSpaces,
        admin: first.admin,
        simulating: simulate,
        startedInS: process.uptime(),
        phases,
      }),
    );
  } catch (e) {
    err(
      `the ${PROFILE} could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    await stopAll(1);
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function routeExists(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    await res.body?.cancel();
    return res.status !== 404;
  } catch {
    return false;
  }
}

const relativeOrAbsolute = (root: string, p: string) => {
  const r = relative(root, p);
  return r.startsWith('..') ? p : r;
};

/** The sensor simulator on the sample city, publishing to the embedded broker (a child process). */
function startSimulator(root: string, mqttUrl: string): ChildProcess {
  const main = join(root, 'dist', 'sensors-sim', 'src', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  const args = [
    '-r',
    join(root, 'scripts', 'register-paths.js'),
    main,
    'run',
    '--city',
    join(root, 'data', 'sample-city.json'),
    '--mqtt-url',
    mqttUrl,
    '--speed',
    '10',
    '--duration',
    '1d',
    '--quiet',
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    out(`simulator ended (${signal ?? code})`);
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGINT');
  const late = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(late);
}
