import { ArgError, Args } from './args';
import { CITY_HELP, cityCommand } from './city.command';
import { RUN_HELP, runCommand } from './run.command';
import { STREAM_COMMAND_HELP, streamCommand } from './stream.command';

const HELP = `sensors-sim: a synthetic city and its sensors (npm run sim -- <command> [options])

${CITY_HELP}

${RUN_HELP}

${STREAM_COMMAND_HELP}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = new Args(rest);
  const log = (line: string): void => void process.stdout.write(line + '\n');
  let stopRequested = false;
  process.once('SIGINT', () => {
    stopRequested = true;
    process.stderr.write(
      'stopping: flushing open batches and waiting for acknowledgements (Ctrl-C again to abort)\n',
    );
    process.once('SIGINT', () => process.exit(130));
  });
  switch (command) {
    case 'city':
      cityCommand(args, log);
      return 0;
    case 'run':
      return runCommand(args, log, () => stopRequested);
    case 'stream':
      await streamCommand(args, (line) => void process.stderr.write(line + '\n'));
      return 0;
    case undefined:
    case 'help':
    case '--help':
      log(HELP);
      return 0;
    default:
      throw new ArgError(`unknown command ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ArgError) {
      process.stderr.write(`${err.message}\n(npm run sim -- help)\n`);
      process.exit(64);
    }
    process.stderr.write(
      `sim failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
