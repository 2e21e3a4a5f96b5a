import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  process.stdout.write(`api listening on ${config.http.host}:${config.http.port}\n`);
}

main().catch((err) => {
  process.stderr.write(`api failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
