import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim();
  } catch (err) {
    // `mosquitto -h` prints its version but exits with 3
    const out = String((err as { stdout?: string }).stdout ?? '')
      .split('\n')[0]
      .trim();
    return out || 'not found';
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
  /** 1-minute load average when the run started (other work on the machine shows here). */
  loadAtStart: number;
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
    loadAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}
