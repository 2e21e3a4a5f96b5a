import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { createIngestRuntime } from './wiring';

/** `npm run ingest:rebuild`: reload the whole live state in Redis from PostgreSQL. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const rt = await createIngestRuntime(config, { listen: false, name: 'ingest-rebuild' });
  try {
    const started = Date.now();
    const lots = await rt.rebuilder.rebuild(true);
    process.stdout.write(
      `rebuilt ${lots} lots (${rt.directory.size} sensors) in ${Date.now() - started} ms\n`,
    );
  } finally {
    await rt.close();
  }
}

main().catch((err) => {
  process.stderr.write(`rebuild failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
