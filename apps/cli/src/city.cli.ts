import { CityService } from '@app/city';
import { AppConfig, ConfigError, loadConfig } from '@app/config';
import {
  CityFileInvalidError,
  CityFileIssue,
  cityFileJsonSchema,
  validateCityFile,
} from '@app/domain';
import { PgCityStore, openDatabase } from '@app/persistence';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, readJsonFile, writeJsonFile } from './city-file.io';

const USAGE = `usage: npm run city -- <command>
  validate <file>        check a city file (schema and references); no database needed
  import <file>          validate, then make the database equal to the file (one transaction)
  export <file>          write the stored city as a city file
  schema <file>          write the JSON Schema of the city file (docs/city-file.schema.json)
  generate-sample [dir]  regenerate data/sample-city.json and data/calendar/cn-official.json
  --help, -h             this text`;

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: CliOutput = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

function printIssues(io: CliOutput, issues: CityFileIssue[]): void {
  for (const i of issues) io.err(`${i.path}: ${i.message}\n`);
  io.err(`${issues.length} error(s)\n`);
}

async function withCityService<T>(
  config: AppConfig | undefined,
  fn: (svc: CityService) => Promise<T>,
): Promise<T> {
  const ds = await openDatabase(config ?? loadConfig(), 'city-cli');
  try {
    return await fn(new CityService(new PgCityStore(ds)));
  } finally {
    await ds.destroy();
  }
}

function parseCommandLine(argv: string[]): { positionals: string[]; help: boolean } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, help: values.help === true };
  } catch (err) {
    // parseArgs adds advice about positionals starting with '-' that does not apply here.
    const message = (err as Error).message.replace(/\. To specify a positional.*$/s, '');
    throw new CliError(`${message}\n${USAGE}`, 2);
  }
}

async function run(argv: string[], io: CliOutput, config?: AppConfig): Promise<number> {
  const { positionals, help } = parseCommandLine(argv);
  if (help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const [cmd, file] = positionals;
  if (positionals.length > 2) throw new CliError(USAGE, 2);
  switch (cmd) {
    case 'validate': {
      if (!file) throw new CliError(USAGE, 2);
      const v = validateCityFile(readJsonFile(file));
      if (!v.ok) {
        printIssues(io, v.errors);
        return 1;
      }
      io.out(`${file}: valid (${v.city.spaces.length} spaces)\n`);
      return 0;
    }
    case 'import': {
      if (!file) throw new CliError(USAGE, 2);
      const input = readJsonFile(file);
      const started = Date.now();
      const counts = await withCityService(config, (svc) => svc.import(input));
      io.out(`${JSON.stringify({ ...counts, ms: Date.now() - started }, null, 2)}\n`);
      return 0;
    }
    case 'export': {
      if (!file) throw new CliError(USAGE, 2);
      const city = await withCityService(config, (svc) => svc.export());
      writeJsonFile(file, city);
      io.out(`${file}: ${city.spaces.length} spaces\n`);
      return 0;
    }
    case 'schema': {
      if (!file) throw new CliError(USAGE, 2);
      writeJsonFile(file, cityFileJsonSchema());
      io.out(`wrote ${file}\n`);
      return 0;
    }
    case 'generate-sample': {
      const dir = file ?? 'data';
      // Loaded only here: the calendar comes from chinese-days, a devDependency (not in the image).
      const { buildSampleCity } = await import('./sample/sample-city');
      const { officialCalendar } = await import('@app/city/sample');
      writeJsonFile(join(dir, 'sample-city.json'), buildSampleCity());
      writeJsonFile(join(dir, 'calendar', 'cn-official.json'), officialCalendar(2026));
      io.out(`wrote ${dir}/sample-city.json and ${dir}/calendar/cn-official.json\n`);
      return 0;
    }
    default:
      throw new CliError(USAGE, 2);
  }
}

/** Runs one CLI command; returns the exit code (errors are printed, never thrown). */
export async function runCityCli(
  argv: string[],
  io: CliOutput = processOutput,
  config?: AppConfig,
): Promise<number> {
  try {
    return await run(argv, io, config);
  } catch (err) {
    if (err instanceof CityFileInvalidError) {
      printIssues(io, err.errors);
      return 1;
    }
    if (err instanceof CliError) {
      io.err(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 78;
    }
    io.err(`city: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  }
}
