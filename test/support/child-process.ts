import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { connect } from 'node:net';

export interface Child {
  proc: ChildProcess;
  output(): string;
  /** Resolves when the output matches `re` (or rejects after `timeoutMs`). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code once the process ends by itself. */
  exited: Promise<number | null>;
}

/** Env var every started child carries: the jest run it belongs to (killed by test/support/jest-global-teardown.js). */
export const TEST_RUN_MARKER = 'PARKING_TEST_RUN';

/** Every child still running, so nothing outlives the test process even when a test fails. */
const running = new Set<{ proc: ChildProcess; group: boolean }>();

function killAllSync(): void {
  for (const c of running) {
    const pid = c.proc.pid;
    if (pid === undefined || c.proc.exitCode !== null || c.proc.signalCode !== null) continue;
    for (const sig of ['SIGCONT', 'SIGKILL'] as const) {
      try {
        process.kill(c.group ? -pid : pid, sig);
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}

process.on('exit', killAllSync);
// imported at a spec's top level, this runs when the spec's last test is done
// (not a jest global in the build: the bench harness imports this file too)
const afterAllHook = (globalThis as { afterAll?: (fn: () => void) => void }).afterAll;
if (typeof afterAllHook === 'function') afterAllHook(killAllSync);

/** Collects a process's output; `kill` waits for the exit. */
export function startChild(cmd: string, args: string[], opts: SpawnOptions = {}): Child {
  const env = {
    ...(opts.env ?? process.env),
    [TEST_RUN_MARKER]: process.env.PARKING_TEST_JEST_PID ?? String(process.pid),
  };
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts, env });
  const entry = { proc, group: opts.detached === true };
  running.add(entry);
  proc.once('exit', () => running.delete(entry));
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (b: Buffer) => {
    out += b.toString();
    if (out.length > 1_000_000) out = out.slice(-500_000);
    for (const w of waiters.splice(0)) w();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  return {
    proc,
    exited,
    output: () => out,
    waitFor(re, timeoutMs = 20000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timeout waiting for ${re} in:\n${out.slice(-3000)}`)),
          timeoutMs,
        );
        const check = () => {
          if (re.test(out)) {
            clearTimeout(timer);
            resolve();
          } else if (proc.exitCode !== null) {
            clearTimeout(timer);
            reject(
              new Error(`process exited (${proc.exitCode}) before ${re}:\n${out.slice(-3000)}`),
            );
          } else waiters.push(check);
        };
        check();
        void exited.then(() => setImmediate(check));
      });
    },
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/**
 * Polls `probe` until it yields a value (not undefined): waits on a state, not on a log line.
 * Fails as soon as the child exits, and after `timeoutMs` (generous: a loaded 2-core machine
 * starts a ts-node app in tens of seconds), with the child's last output.
 */
export async function pollUntil<T>(
  child: Child,
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const code = child.proc.exitCode ?? child.proc.signalCode;
    if (code !== null)
      throw new Error(`process exited (${code}) before ${what}:\n${child.output().slice(-3000)}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until)
      throw new Error(
        `timeout (${timeoutMs} ms) waiting for ${what}:\n${child.output().slice(-3000)}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** GETs a local URL; its status and JSON body (null when not JSON). */
export async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, timeoutMs = 10000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`port ${port} not open after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
