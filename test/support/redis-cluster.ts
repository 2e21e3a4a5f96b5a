import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, startChild, waitForPort } from './child-process';
import { freePort } from './free-port';

export interface ClusterNode {
  port: number;
  child: Child;
}

export interface OwnRedisCluster {
  /** `host:port` of every node (the value of REDIS_CLUSTER_NODES). */
  nodes: string[];
  /** The node processes by port (to kill one). */
  byPort: Map<number, ClusterNode>;
  /** Ports of the current masters, as the given node sees the cluster. */
  masters(viaPort?: number): Promise<number[]>;
  /** SIGKILL one node (its data is gone: no persistence). */
  kill(port: number): Promise<void>;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (+10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const p = await freePort();
    if (p < 55000 && !taken.has(p) && (await portFree(p + 10000))) return p;
  }
}

function run(cmd: string, args: string[], timeoutMs = 30000): Promise<string> {
  const c = startChild(cmd, args);
  return Promise.race([
    c.exited.then((code) => {
      if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${c.output()}`);
      return c.output();
    }),
    new Promise<string>((_, reject) =>
      setTimeout(() => {
        void c.kill('SIGKILL');
        reject(new Error(`${cmd} timed out:\n${c.output()}`));
      }, timeoutMs),
    ),
  ]);
}

/**
 * A private Redis Cluster on free ports: `masters` masters with one replica each, no
 * persistence, config files in a temp dir. `stop()` kills every node and removes the dir.
 */
export async function startRedisCluster(
  masters = 3,
  nodeTimeoutMs = 1000,
): Promise<OwnRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
  const byPort = new Map<number, ClusterNode>();
  const stop = async () => {
    await Promise.all([...byPort.values()].map((n) => n.child.kill('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; i < masters * 2; i++) {
      const port = await clusterPort(taken);
      taken.add(port);
      const child = startChild('redis-server', [
        '--port', String(port),
        '--bind', '127.0.0.1',
        '--cluster-enabled', 'yes',
        '--cluster-config-file', join(dir, `nodes-${port}.conf`),
        '--cluster-node-timeout', String(nodeTimeoutMs),
        '--appendonly', 'no',
        '--save', '',
        '--dir', dir,
      ]); // prettier-ignore
      byPort.set(port, { port, child });
      await waitForPort(port);
    }
    const nodes = [...byPort.keys()].map((p) => `127.0.0.1:${p}`);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...nodes,
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    const first = [...byPort.keys()][0];
    const masterPorts = async (viaPort = first) => {
      const out = await run('redis-cli', ['-p', String(viaPort), 'cluster', 'nodes']);
      return out
        .split('\n')
        .map((l) => l.split(' '))
        .filter((f) => /master/.test(f[2] ?? '') && !/fail/.test(f[2]) && f.length > 8)
        .map((f) => Number(/:(\d+)@/.exec(f[1])?.[1]));
    };
    // every node must see the whole cluster (state ok, all masters with slots) before use
    for (let i = 0; ; i++) {
      let ok = true;
      for (const port of byPort.keys()) {
        const info = await run('redis-cli', ['-p', String(port), 'cluster', 'info']);
        ok &&= /cluster_state:ok/.test(info) && (await masterPorts(port)).length === masters;
        // a replica that never finished its first sync cannot take over (its data has no age)
        const repl = await run('redis-cli', ['-p', String(port), 'info', 'replication']);
        ok &&= /role:master/.test(repl) || /master_link_status:up/.test(repl);
      }
      if (ok) break;
      if (i > 600) throw new Error('cluster did not settle (state ok, every replica in sync)');
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      nodes,
      byPort,
      masters: masterPorts,
      kill: async (port) => {
        await byPort.get(port)?.child.kill('SIGKILL');
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
