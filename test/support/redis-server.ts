import { Child, startChild, waitForPort } from './child-process';
import { freePort } from './free-port';

export interface OwnRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Kill -9 and start again on the same port, empty (no persistence). */
  restart(downMs?: number): Promise<void>;
}

/** A private redis-server on a free port, without persistence: killing it loses everything. */
export async function startRedisServer(): Promise<OwnRedis> {
  const port = await freePort();
  let child: Child;
  const boot = async () => {
    child = startChild('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    await waitForPort(port);
  };
  await boot();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    stop: async () => {
      await child.kill('SIGKILL');
    },
    restart: async (downMs = 200) => {
      await child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, downMs));
      await boot();
    },
  };
}
