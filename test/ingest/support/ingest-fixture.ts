import { createIngestRuntime, IngestRuntime } from '../../../apps/ingest/src/wiring';
import { createLiveClient, liveKeys, MemoryLiveState } from '@app/live-store';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../support/db';
import { seedTestCity, TestCity, TestCityOptions } from './test-city';
import { deletePrefix, testConfig } from './test-config';
import { deleteClusterPrefix } from '../../support/redis-keys';

export interface IngestFixture {
  db: TestDatabase;
  city: TestCity;
  rt: IngestRuntime;
  prefix: string;
  /** The in-process live state when the fixture runs on the memory adapter. */
  memory?: MemoryLiveState;
  /** Redis settings of the fixture beyond serviceEnv() (REDIS_CLUSTER_NODES on a cluster). */
  redisEnv: Record<string, string>;
  /** The live store loses every key (Redis: the prefix deleted; memory: cleared). */
  wipeLive(): Promise<void>;
  /** A space's packed record as the live store holds it, null when none. */
  packedRecord(lotId: string, spaceId: string): Promise<string | null>;
  sql<T = Record<string, unknown>>(q: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A migrated throwaway database with a small city, and the ingest runtime on a unique Redis
 * prefix (or, with `memory`, on an in-process live state; with `clusterNodes`, on that Redis
 * Cluster).
 */
export async function ingestFixture(
  opts: TestCityOptions & { memory?: boolean; clusterNodes?: string[] } = {},
): Promise<IngestFixture> {
  const db = await createTestDatabase();
  const city = await seedTestCity(db.url, opts);
  const nodes = opts.clusterNodes;
  const redisEnv: Record<string, string> = nodes ? { REDIS_CLUSTER_NODES: nodes.join(',') } : {};
  const config = testConfig(db.url, redisEnv);
  const wipe = () =>
    nodes ? deleteClusterPrefix(config.prefix, nodes) : deletePrefix(config.prefix);
  const memory = opts.memory ? new MemoryLiveState() : undefined;
  const rt = await createIngestRuntime(config, {
    listen: true,
    name: 'ingest-test',
    live: memory,
  });
  await rt.rebuilder.rebuild(false);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  return {
    db,
    city,
    rt,
    prefix: config.prefix,
    memory,
    redisEnv,
    wipeLive: async () => {
      if (memory) memory.clear();
      else await wipe();
    },
    packedRecord: async (lotId, spaceId) => {
      if (memory) return memory.packedRecord(lotId, spaceId) ?? null;
      const raw = createLiveClient(config.redis, { offlineQueue: true });
      try {
        return await raw.hget(liveKeys.records(lotId), spaceId);
      } finally {
        raw.disconnect();
      }
    },
    sql: async <T>(q: string, params?: unknown[]) => (await client.query(q, params)).rows as T[],
    close: async () => {
      await rt.close();
      await client.end();
      if (!memory) await wipe();
      await db.drop();
    },
  };
}

/** A message as a gateway would send it. */
export function msg(gatewayId: string, body: unknown, receivedAt = Date.now()) {
  return {
    gatewayId,
    payload: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    receivedAt,
  };
}
