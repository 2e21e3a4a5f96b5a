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

/** Spawns a process in its own group and collects its output; `kill` waits for the exit. */
export function startChild(cmd: string, args: string[], opts: SpawnOptions = {}): Child {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
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
      });
    },
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
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
