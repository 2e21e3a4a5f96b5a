import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, startChild, waitForPort } from './child-process';
import { freePort } from './free-port';

export interface OwnMosquitto {
  port: number;
  url: string;
  stop(): Promise<void>;
  /**
   * Stops the broker (SIGTERM: it saves its state; SIGKILL: it loses what it acked since the
   * last autosave) and starts it again on the same port and data directory.
   */
  restart(signal?: 'SIGTERM' | 'SIGKILL', downMs?: number): Promise<void>;
}

export interface MosquittoOptions {
  /** Keep sessions and queued messages in a temp data dir across restarts. */
  persistence?: boolean;
  /** Seconds between saves with persistence (default 1). */
  autosaveInterval?: number;
  /** Listen on this port (e.g. one a test pointed a worker at before the broker ran). */
  port?: number;
}

/**
 * A private Mosquitto 2 on a free port (anonymous; without persistence unless asked).
 * Queues are large so a stopped consumer's persistent session keeps everything.
 */
export async function startMosquitto(o: MosquittoOptions = {}): Promise<OwnMosquitto> {
  const port = o.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'mosq-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  // run as root, mosquitto drops to its own user: it must reach and write the data dir
  chmodSync(dir, 0o755);
  chmodSync(data, 0o777);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      ...(o.persistence
        ? [
            'persistence true',
            `persistence_location ${data}/`,
            `autosave_interval ${o.autosaveInterval ?? 1}`,
          ]
        : ['persistence false']),
      'max_queued_messages 1000000',
      'max_inflight_messages 0',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  let child: Child;
  const boot = async () => {
    child = startChild('mosquitto', ['-c', conf]);
    await waitForPort(port);
  };
  await boot();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      await child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async (signal = 'SIGTERM', downMs = 200) => {
      await child.kill(signal);
      await new Promise((r) => setTimeout(r, downMs));
      await boot();
    },
  };
}
