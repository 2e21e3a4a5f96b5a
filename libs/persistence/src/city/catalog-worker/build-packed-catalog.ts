import type { PackedCatalog } from '@app/guidance';
import { join } from 'node:path';
import type { ClientConfig } from 'pg';
import { Worker } from 'node:worker_threads';
import { CatalogAssembly, CatalogPart } from './catalog-parts';

/**
 * Reads the city and packs guidance's catalog in a worker thread (catalog-build.worker), so the
 * main thread neither blocks on the compile nor grows its heap to the compile's transient peak.
 * Works compiled (dist/, plain `.js`) and from source (ts-jest, ts-node: the worker registers
 * ts-node itself); either way the worker first registers the `@app/*` aliases.
 */
export function buildPackedCatalog(pg: ClientConfig): Promise<PackedCatalog> {
  const compiled = __filename.endsWith('.js');
  const ext = compiled ? '.js' : '.ts';
  const entry = join(__dirname, `catalog-build.worker${ext}`);
  const paths = join(__dirname, '../../../../../scripts', `register-dist-paths${ext}`);
  const boot = [
    compiled ? '' : `require('ts-node').register({ transpileOnly: true });`,
    `require(${JSON.stringify(paths)});`,
    `require(${JSON.stringify(entry)});`,
  ].join('\n');
  const worker = new Worker(boot, { eval: true, workerData: { pg } });
  const assembly = new CatalogAssembly();
  return new Promise<PackedCatalog>((resolve, reject) => {
    worker.on('message', (m: CatalogPart | { error: string }) => {
      if ('error' in m) return reject(new Error(`city catalog build failed: ${m.error}`));
      try {
        const packed = assembly.add(m);
        if (packed) resolve(packed);
        // the next part in a later turn: requests queued meanwhile are answered first
        else setImmediate(() => worker.postMessage('next'));
      } catch (err) {
        reject(err as Error);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`city catalog worker exited (${code})`)));
  }).finally(() => void worker.terminate());
}
