import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { openDatabase } from '@app/persistence';
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

const config = loadConfigOrExit();
runUserCli(process.argv.slice(2), config, () => openDatabase(config, 'cli-user'), {
  readStdin,
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
})
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`user cli failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
