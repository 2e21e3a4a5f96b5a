/**
 * Worker thread entry (started by `buildPackedCatalog`, after the `@app/*` aliases are
 * registered): reads the city tables on its own connection, compiles the packed guidance catalog
 * and transfers it. Everything transient (rows, the city file, the full rule book) lives and
 * dies in this thread's heap, which ends with the thread.
 */
import { packCatalog, packedBuffers } from '@app/guidance';
import { Client, ClientConfig } from 'pg';
import { parentPort, workerData } from 'node:worker_threads';
import { readCatalogCity } from '../projections/city-catalog.projection';

async function main(): Promise<void> {
  const client = new Client((workerData as { pg: ClientConfig }).pg);
  await client.connect();
  try {
    const city = await readCatalogCity(async <T>(text: string) => (await client.query(text)).rows as T[]);
    const packed = packCatalog(city);
    parentPort!.postMessage({ packed }, packedBuffers(packed));
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
});
