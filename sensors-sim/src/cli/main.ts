import { ArgError, Args, type OptionSpec } from './args';
import { CITY_HELP, CITY_OPTIONS, cityCommand } from './city.command';
import { DRIVERS_HELP, DRIVERS_OPTIONS, driversCommand } from './drivers.command';
import { RUN_HELP, RUN_OPTIONS, runCommand } from './run.command';
import { STREAM_COMMAND_HELP, STREAM_COMMAND_OPTIONS, streamCommand } from './stream.command';

const HELP = `sensors-sim: a synthetic city and its sensors (npm run sim -- <command> [options])

${CITY_HELP}

${RUN_HELP}

${STREAM_COMMAND_HELP}

${DRIVERS_HELP}`;

const COMMANDS: Readonly<Record<string, { options: OptionSpec; help: string }>> = {
  city: { options: CITY_OPTIONS, help: CITY_HELP },
  run: { options: RUN_OPTIONS, help: RUN_HELP },
  stream: { options: STREAM_COMMAND_OPTIONS, help: STREAM_COMMAND_HELP },
  drivers: { options: DRIVERS_OPTIONS, help: DRIVERS_HELP },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = (line: string): void => void process.stdout.write(line + '\n');
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    log(HELP);
    return 0;
  }
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) throw new ArgError(`unknown command ${command}`);
  const args = Args.parse(rest, spec.options);
  if (args.help) {
    log(spec.help);
    return 0;
  }
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
    case 'drivers':
      driversCommand(args, log);
      return 0;
    case 'stream':
      await streamCommand(args, (line) => void process.stderr.write(line + '\n'));
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
