import Redis, { Cluster } from 'ioredis';
import type { RedisConfig } from '@app/config';
import { OutageLog, OutageSink, rootLogger, ServiceUnavailableError } from '@app/logging';
import type { LiveRedis } from './command-batch';

export interface LiveRedisOptions {
  offlineQueue?: boolean;
  name?: string;
  /** Every client error (each failed reconnect too), besides the once-per-outage report. */
  onError?: (err: unknown) => void;
  /** Where the outage is reported (default: the process's logger). */
  log?: OutageSink;
  /** A Redis that stays down is reported again at most this often. */
  downLogIntervalMs?: number;
}

/**
 * An ioredis client whose failures surface instead of queueing without bound: with
 * `offlineQueue: false` commands fail at once while disconnected and the caller retries.
 * It always has an error listener (no ioredis "Unhandled error event"): a lost Redis is
 * reported once per outage naming REDIS_URL, and once when it is back.
 */
export function createLiveRedis(
  config: Pick<RedisConfig, 'url' | 'keyPrefix'>,
  opts: LiveRedisOptions = {},
): Redis {
  const redis = new Redis(config.url, {
    keyPrefix: config.keyPrefix,
    enableOfflineQueue: opts.offlineQueue ?? false,
    maxRetriesPerRequest: 2,
    connectionName: opts.name,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    lazyConnect: false,
  });
  const outage = new OutageLog(
    opts.log ?? rootLogger(),
    { service: 'Redis', variable: 'REDIS_URL', url: config.url },
    opts.downLogIntervalMs,
  );
  redis.on('error', (err) => {
    outage.failed(err);
    opts.onError?.(err);
  });
  redis.on('ready', () => outage.recovered());
  return redis;
}

/** What the live store connects to: the single Redis, or the cluster's seed nodes. */
export type LiveRedisConfig = Pick<RedisConfig, 'url' | 'keyPrefix' | 'clusterNodes'>;

function clusterUrl(nodes: string[]): string {
  return `redis+cluster://${nodes.join(',')}`;
}

/**
 * `createLiveRedis`, or with `clusterNodes` an ioredis Cluster: the user, password and TLS of
 * REDIS_URL apply to every node, MOVED/ASK and failovers are followed by the client.
 */
export function createLiveClient(config: LiveRedisConfig, opts: LiveRedisOptions = {}): LiveRedis {
  const nodes = config.clusterNodes ?? [];
  if (nodes.length === 0) return createLiveRedis(config, opts);
  const u = new URL(config.url);
  const cluster = new Cluster(
    nodes.map((n) => ({
      host: n.slice(0, n.lastIndexOf(':')),
      port: Number(n.slice(n.lastIndexOf(':') + 1)),
    })),
    {
      keyPrefix: config.keyPrefix,
      enableOfflineQueue: opts.offlineQueue ?? false,
      // not auto-pipelined: it would route liveApply (key count as first argument) by that count
      scaleReads: 'master',
      clusterRetryStrategy: (times) => Math.min(50 * times, 1000),
      redisOptions: {
        username: decodeURIComponent(u.username) || undefined,
        password: decodeURIComponent(u.password) || undefined,
        tls: u.protocol === 'rediss:' ? {} : undefined,
        connectionName: opts.name,
        maxRetriesPerRequest: 2,
      },
    },
  );
  const outage = new OutageLog(
    opts.log ?? rootLogger(),
    { service: 'Redis', variable: 'REDIS_CLUSTER_NODES', url: clusterUrl(nodes) },
    opts.downLogIntervalMs,
  );
  cluster.on('error', (err) => {
    outage.failed(err);
    opts.onError?.(err);
  });
  cluster.on('node error', (err) => opts.onError?.(err));
  cluster.on('ready', () => outage.recovered());
  return cluster;
}

/** `probeRedis` for the configured form: with a cluster, the first seed node that answers. */
export async function probeLiveRedis(config: LiveRedisConfig, timeoutMs = 5000): Promise<void> {
  const nodes = config.clusterNodes ?? [];
  if (nodes.length === 0) return probeRedis(config.url, timeoutMs);
  const u = new URL(config.url);
  let last: unknown = null;
  for (const n of nodes) {
    u.host = n;
    try {
      return await probeRedis(u.toString(), timeoutMs);
    } catch (err) {
      last = err;
    }
  }
  const cause = last instanceof ServiceUnavailableError ? last.cause : last;
  throw new ServiceUnavailableError(
    { service: 'Redis', variable: 'REDIS_CLUSTER_NODES', url: clusterUrl(nodes) },
    cause,
  );
}

/**
 * Start-up check: one connection attempt to REDIS_URL and a PING (refused, unreachable, bad
 * password fail here); throws a ServiceUnavailableError naming the setting.
 */
export async function probeRedis(url: string, timeoutMs = 5000): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    connectionName: 'start-check',
  });
  let last: unknown = null;
  redis.on('error', (err) => (last ??= err));
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new ServiceUnavailableError(
      { service: 'Redis', variable: 'REDIS_URL', url },
      last ?? err,
    );
  } finally {
    redis.disconnect();
  }
}

/** Channel name for the change stream: pub/sub channels are not prefixed by ioredis. */
export function changesChannel(redis: LiveRedis): string {
  return `${redis.options.keyPrefix ?? ''}live:changes`;
}

/** Resolves when the client is ready (commands fail fast without an offline queue). */
export async function redisReady(redis: LiveRedis, timeoutMs = 10000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    function onReady() {
      clearTimeout(timer);
      resolve();
    }
    redis.once('ready', onReady);
  });
}
