import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Root of the compiled tree (dist/) when running compiled, else the repo root via ts-node. */
export const distRoot = join(__dirname, '..', '..');

/** Runs a compiled bench helper script as its own process and returns its last JSON line. */
export function runNodeScript<T>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(distRoot, script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited with ${code}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no result: ${out.slice(-200)}`));
      }
    });
  });
}

export function startNodeProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', join(distRoot, '..', 'scripts', 'register-paths.js'), join(distRoot, script), ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] },
  );
}
