import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim();
  } catch {
    return 'not found';
  }
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memGiB: number;
  node: string;
  postgres: string;
  redis: string;
  mosquitto: string;
}

export function describeMachine(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: version('psql', ['--version']),
    redis: version('redis-server', ['--version']),
    mosquitto: version('mosquitto', ['-h']),
  };
}
