import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helperArgs, repoRoot } from './child';

export interface BareFloor {
  url: string;
  stop(): void;
}

/** Starts `bare-http-server` in its own process, serving `bodies` (captured API answers). */
export async function startBareFloor(bodies: string[]): Promise<BareFloor> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const file = join(dir, 'bodies.json');
  writeFileSync(file, JSON.stringify(bodies));
  const child = spawn(process.execPath, [...helperArgs('bench/harness/bare-http-server'), file], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`bare-http-server exited with ${code}`)));
  }).catch((err: unknown) => {
    stop();
    throw err;
  });
  return { url: `http://127.0.0.1:${port}`, stop };
}
