import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Repo root (this file runs through ts-node from bench/harness, or compiled from dist/bench/harness). */
const compiled = __filename.endsWith('.js');
export const repoRoot = compiled ? join(__dirname, '..', '..', '..') : join(__dirname, '..', '..');
const distRoot = join(repoRoot, 'dist');

/** Node arguments to run a bench helper script (path without extension, from the repo root). */
export function helperArgs(script: string): string[] {
  return compiled
    ? ['-r', join(repoRoot, 'scripts', 'register-paths.js'), join(distRoot, `${script}.js`)]
    : [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(repoRoot, `${script}.ts`),
      ];
}

/** Runs a bench helper script as its own process and returns its last JSON line. */
export function runNodeScript<T>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...helperArgs(script), ...args], {
      cwd: repoRoot,
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

/** Node arguments to run a compiled app (dist/, `npm run build` first); BENCH_CPU_PROF=<dir> profiles it. */
export function appArgs(main: string, cpuProfDir?: string): string[] {
  return [
    ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []),
    // e.g. BENCH_NODE_FLAGS=--trace-gc (with BENCH_APP_LOG to keep the output)
    ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
    '-r',
    join(repoRoot, 'scripts', 'register-paths.js'),
    join(distRoot, main),
  ];
}
