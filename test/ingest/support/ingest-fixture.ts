import { createIngestRuntime, IngestRuntime } from '../../../apps/ingest/src/wiring';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../../support/db';
import { seedTestCity, TestCity, TestCityOptions } from './test-city';
import { deletePrefix, testConfig } from './test-config';

export interface IngestFixture {
  db: TestDatabase;
  city: TestCity;
  rt: IngestRuntime;
  prefix: string;
  sql<T = Record<string, unknown>>(q: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A migrated throwaway database with a small city, and the ingest runtime on a unique prefix. */
export async function ingestFixture(opts: TestCityOptions = {}): Promise<IngestFixture> {
  const db = await createTestDatabase();
  const city = await seedTestCity(db.url, opts);
  const config = testConfig(db.url);
  const rt = await createIngestRuntime(config, { listen: true, name: 'ingest-test' });
  await rt.rebuilder.rebuild(false);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  return {
    db,
    city,
    rt,
    prefix: config.prefix,
    sql: async <T>(q: string, params?: unknown[]) => (await client.query(q, params)).rows as T[],
    close: async () => {
      await rt.close();
      await client.end();
      await deletePrefix(config.prefix);
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
