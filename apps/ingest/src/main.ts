import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  process.stdout.write(`ingest: broker ${config.mqtt.url}, group ${config.mqtt.shareGroup}\n`);
}

main().catch((err) => {
  process.stderr.write(`ingest failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
