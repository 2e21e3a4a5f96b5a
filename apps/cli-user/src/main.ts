import '../../../scripts/register-dist-paths';
import 'reflect-metadata';
import type { AppConfig } from '@app/config';
import { loadConfigOrExit } from '@app/config/load-config';
import { runUserCli } from './user-cli';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

let config: AppConfig | undefined;
const getConfig = () => (config ??= loadConfigOrExit());
runUserCli(
  process.argv.slice(2),
  getConfig,
  async () => (await import('@app/persistence')).openDatabase(getConfig(), 'cli-user'),
  {
    readStdin,
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  },
)
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`user cli failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
