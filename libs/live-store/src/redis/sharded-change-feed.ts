import Redis, { Cluster } from 'ioredis';
import { shardChannel } from './cluster-slots';

/** How often the topology is compared with the one subscribed to (failover, resharding). */
const TOPOLOGY_CHECK_MS = 1000;
const RETRY_MS = 300;

/**
 * The change stream of a Redis Cluster: one subscriber connection per master, SSUBSCRIBEd to the
 * shard channel of every slot that master serves (writers SPUBLISH on their lot's slot), so the
 * stream's cost spreads over the masters. When a connection drops or the slot map changes
 * (failover, resharding) every connection is rebuilt from the current map and `onResync` runs
 * once the new subscriptions are in place: messages in between may be lost, the reader
 * re-snapshots.
 */
export class ShardedChangeFeed {
  private subs: Redis[] = [];
  private layout = '';
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private started = false;
  private rebuilding: Promise<void> | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly onMessage: (raw: string) => void,
    private readonly onResync: () => void,
  ) {}

  async start(timeoutMs = 15000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.subscribeAll();
        break;
      } catch (err) {
        this.closeSubs();
        if (Date.now() > until || this.stopped) throw err;
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
    this.started = true;
    this.timer = setInterval(() => void this.check(), TOPOLOGY_CHECK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.rebuilding?.catch(() => undefined);
    await Promise.all(this.subs.map((s) => s.quit().catch(() => s.disconnect())));
    this.subs = [];
  }

  private async topology(): Promise<{ layout: string; masters: Map<string, number[][]> }> {
    const ranges = await this.cluster.cluster('SLOTS');
    const masters = new Map<string, number[][]>();
    // [start, end, [host, port, id], ...replicas]
    for (const [start, end, [host, port]] of ranges) {
      const key = `${host}:${port}`;
      masters.set(key, [...(masters.get(key) ?? []), [start, end]]);
    }
    const layout = [...masters]
      .map(([k, r]) => `${k}=${r.map((x) => x.join('-')).join(',')}`)
      .sort()
      .join(' ');
    return { layout, masters };
  }

  private async subscribeAll(): Promise<void> {
    const { layout, masters } = await this.topology();
    const prefix = this.cluster.options.keyPrefix ?? '';
    const base = this.cluster.options.redisOptions ?? {};
    const subs: Redis[] = [];
    this.subs = subs;
    await Promise.all(
      [...masters].map(async ([key, ranges]) => {
        const [host, port] = [
          key.slice(0, key.lastIndexOf(':')),
          key.slice(key.lastIndexOf(':') + 1),
        ];
        const sub = new Redis({
          username: base.username,
          password: base.password,
          tls: base.tls,
          host,
          port: Number(port),
          connectionName: 'live-changes',
          lazyConnect: true,
          enableOfflineQueue: true,
          retryStrategy: () => null,
        });
        subs.push(sub);
        sub.on('error', () => undefined);
        sub.on('smessage', (_ch: string, msg: string) => this.onMessage(msg));
        sub.on('close', () => this.lost());
        await sub.connect();
        const pending: Promise<unknown>[] = [];
        for (const [start, end] of ranges) {
          for (let slot = start; slot <= end; slot++) {
            pending.push(sub.ssubscribe(shardChannel(prefix, slot)));
          }
        }
        await Promise.all(pending);
      }),
    );
    this.layout = layout;
  }

  private closeSubs(): void {
    for (const s of this.subs.splice(0)) {
      s.removeAllListeners('close');
      s.disconnect();
    }
  }

  private lost(): void {
    if (this.started && !this.stopped && !this.rebuilding) this.rebuilding = this.rebuild();
  }

  private async check(): Promise<void> {
    if (this.stopped || this.rebuilding) return;
    if (this.subs.some((s) => s.status !== 'ready')) return this.lost();
    try {
      if ((await this.topology()).layout !== this.layout) this.lost();
    } catch {
      // the cluster is unreachable: a dropped connection triggers the rebuild
    }
  }

  /** Resubscribes everything from the current slot map, retrying until it holds, then resyncs. */
  private async rebuild(): Promise<void> {
    try {
      while (!this.stopped) {
        this.closeSubs();
        try {
          await this.subscribeAll();
          if (!this.stopped) this.onResync();
          return;
        } catch {
          await new Promise((r) => setTimeout(r, RETRY_MS));
        }
      }
    } finally {
      this.rebuilding = null;
    }
  }
}
