import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Mosquitto with the production queue settings of docker/mosquitto (no auth) on its own port:
 * the machine's default broker keeps max_queued_messages 1000 and silently drops beyond it.
 */
export class BenchBroker {
  private proc?: ChildProcess;
  private dir?: string;
  constructor(readonly port = 18830 + (process.pid % 100)) {}

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'bench-broker-'));
    chmodSync(this.dir, 0o755);
    const conf = join(this.dir, 'mosquitto.conf');
    writeFileSync(
      conf,
      [
        `listener ${this.port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence false',
        'max_queued_messages 1000000',
        'max_queued_bytes 0',
        'max_inflight_messages 1000',
        'max_packet_size 300000',
      ].join('\n') + '\n',
    );
    chmodSync(conf, 0o644);
    this.proc = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`bench broker did not start on ${this.port}`);
  }

  stop(): void {
    this.proc?.kill('SIGKILL');
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}
