import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, startChild, waitForPort } from './child-process';
import { freePort } from './free-port';

export interface OwnMosquitto {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * A private Mosquitto 2 on a free port (anonymous, no persistence: it stays up during a test).
 * Queues are large so a stopped consumer's persistent session keeps everything.
 */
export async function startMosquitto(): Promise<OwnMosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mosq-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 1000000',
      'max_inflight_messages 0',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  const child: Child = startChild('mosquitto', ['-c', conf]);
  await waitForPort(port);
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      await child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
