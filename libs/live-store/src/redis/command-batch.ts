import type { Cluster } from 'ioredis';
import type Redis from 'ioredis';

/** A live-store client: one Redis, or a Redis Cluster (REDIS_CLUSTER_NODES). */
export type LiveRedis = Redis | Cluster;

export type Reply = [Error | null, unknown];
type Callable = Record<string, (...args: (string | number)[]) => unknown>;

/**
 * Commands sent together. On one Redis: one pipeline (one round trip). On a cluster a pipeline
 * must stay on one node, so the commands are sent at once without waiting for replies, each to
 * the master of its keys' slot (still one round trip per node, not per command).
 */
export class CommandBatch {
  private readonly calls: [string, (string | number)[]][] = [];

  constructor(private readonly redis: LiveRedis) {}

  add(cmd: string, ...args: (string | number)[]): this {
    this.calls.push([cmd, args]);
    return this;
  }

  async exec(): Promise<Reply[]> {
    if (this.calls.length === 0) return [];
    if (this.redis.isCluster) {
      const c = this.redis as unknown as Callable;
      return Promise.all(
        this.calls.map(([cmd, args]) =>
          Promise.resolve(c[cmd](...args)).then(
            (v): Reply => [null, v],
            (e: Error): Reply => [e, null],
          ),
        ),
      );
    }
    const p = this.redis.pipeline();
    const q = p as unknown as Callable;
    for (const [cmd, args] of this.calls) q[cmd](...args);
    return ((await p.exec()) ?? []) as Reply[];
  }
}
