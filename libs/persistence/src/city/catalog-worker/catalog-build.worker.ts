/**
 * Worker thread entry (started by `buildPackedCatalog`, after the `@app/*` aliases are
 * registered): reads the city tables on its own connection, compiles the packed guidance catalog
 * and sends it in parts, the next one each time the main thread asks. Everything transient (rows,
 * the city file, the full rule book) lives and dies in this thread's heap, which ends with it.
 */
import { packCatalog } from '@app/guidance/catalog/packed-catalog';
import { Client, ClientConfig } from 'pg';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { readCatalogCity } from '../projections/city-catalog.projection';
import { catalogParts } from './catalog-parts';

async function main(): Promise<void> {
  // the lowest CPU priority for this thread only (Linux: per thread), so the process's main
  // thread, which keeps answering requests meanwhile, wins the cores while the worker compiles
  try {
    setPriority(19);
  } catch {
    // not permitted or not supported: build at normal priority
  }
  const client = new Client((workerData as { pg: ClientConfig }).pg);
  await client.connect();
  let city;
  try {
    city = await readCatalogCity(async <T>(text: string) => (await client.query(text)).rows as T[]);
  } finally {
    await client.end();
  }
  const parts = catalogParts(packCatalog(city));
  const send = () => {
    const next = parts.next();
    if (next.done) return;
    const part = next.value;
    if ('head' in part) parentPort!.postMessage({ head: part.head }, part.transfer);
    else parentPort!.postMessage(part);
  };
  parentPort!.on('message', send);
  send();
}

main().catch((err: unknown) => {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
});
