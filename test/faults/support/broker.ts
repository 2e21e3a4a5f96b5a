import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, startChild, waitForPort } from '../../support/child-process';
import { freePort } from '../../support/free-port';

export interface PersistentBroker {
  port: number;
  url: string;
  /** Stops Mosquitto with `signal` (SIGTERM saves, SIGKILL does not) and starts it again. */
  restart(signal: 'SIGTERM' | 'SIGKILL', downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A private Mosquitto 2 with persistence in a temp dir, saved every second, and queues large
 * enough that an offline consumer's persistent session keeps the whole load of a scenario.
 * Mosquitto 2.0 writes its database only on autosave and on a clean exit: after kill -9 whatever
 * it acked since its last autosave is gone.
 */
export async function startPersistentBroker(): Promise<PersistentBroker> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fault-mosq-'));
  // started as root, Mosquitto drops to the `mosquitto` user: it must be able to save here
  chmodSync(dir, 0o777);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1',
      'max_queued_messages 1000000',
      'max_queued_bytes 0',
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
    restart: async (signal, downMs = 300) => {
      await child.kill(signal);
      await new Promise((r) => setTimeout(r, downMs));
      await boot();
    },
    stop: async () => {
      await child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
