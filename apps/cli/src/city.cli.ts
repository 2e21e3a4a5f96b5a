import type { AppConfig } from '@app/config';
import type { CityImportCounts, CityService } from '@app/city';
import type { CityFileIssue } from '@app/domain';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, readJsonFile, writeJsonFile } from './city-file.io';
import { WhatIfArgs, runWhatIf, whatIfTable } from './what-if.command';

// Modules are loaded by the command that needs them (`--help` loads nothing, `validate` no
// database driver), so every command starts in a fraction of a second.
const USAGE = `usage: npm run city -- <command>   (image: node dist/apps/cli/src/main.js <command>)
  validate <file>        check a city file (schema and references); no database needed
  import <file>          validate, then make the database equal to the file (one transaction);
                         progress on stderr, a one-line summary on stdout
  export <file>          write the stored city as a city file
  schema <file>          write the JSON Schema of the city file (docs/city-file.schema.json)
  generate-sample [dir]  regenerate data/sample-city.json and data/calendar/cn-official.json
  what-if <file> --from T --to T [--zones Z1,Z2] [--baseline file]
                         replay the recorded sessions of [from, to) under the stored rules (or
                         --baseline) and the changed city file; per zone on stdout (docs/what-if.md)
  --json                 import, what-if: print the full result as JSON instead
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
  const { loadConfig } = await import('@app/config/load-config');
  const { CityService } = await import('@app/city');
  const { PgCityStore, openDatabase } = await import('@app/persistence');
  const ds = await openDatabase(config ?? loadConfig(), 'city-cli');
  try {
    return await fn(new CityService(new PgCityStore(ds)));
  } finally {
    await ds.destroy();
  }
}

/** `import: 301 spaces; 2104 rows inserted, 0 updated, 0 deleted, 0 unchanged in 812 ms` */
export function importSummary(counts: CityImportCounts, ms: number): string {
  const t = counts.total;
  const s = counts.tables.spaces;
  const spaces = s ? s.inserted + s.updated + s.unchanged : 0;
  const what = counts.unchanged
    ? 'unchanged (the database already equals the file)'
    : `${t.inserted} rows inserted, ${t.updated} updated, ${t.deleted} deleted, ${t.unchanged} unchanged`;
  return `import: ${spaces} spaces; ${what} in ${ms} ms`;
}

interface CommandLine {
  positionals: string[];
  help: boolean;
  json: boolean;
  whatIf: Omit<WhatIfArgs, 'file'>;
}

function parseCommandLine(argv: string[]): CommandLine {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        zones: { type: 'string' },
        baseline: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    // `npm run city -- -- --help` passes a literal `--` first: --help is still help
    const help = values.help === true || positionals.some((p) => p === '--help' || p === '-h');
    const { from, to, zones, baseline } = values;
    return { positionals, help, json: values.json === true, whatIf: { from, to, zones, baseline } };
  } catch (err) {
    // parseArgs adds advice about positionals starting with '-' that does not apply here.
    const message = (err as Error).message.replace(/\. To specify a positional.*$/s, '');
    throw new CliError(`${message}\n${USAGE}`, 2);
  }
}

async function run(argv: string[], io: CliOutput, config?: AppConfig): Promise<number> {
  const { positionals, help, json, whatIf } = parseCommandLine(argv);
  if (help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const [cmd, file] = positionals;
  if (positionals.length > 2) throw new CliError(USAGE, 2);
  switch (cmd) {
    case 'validate': {
      if (!file) throw new CliError(USAGE, 2);
      const { validateCityFile } = await import('@app/domain');
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
      const started = Date.now();
      const phase = (text: string) => io.err(`city import: ${text} (${Date.now() - started} ms)\n`);
      phase(`reading ${file}`);
      const input = readJsonFile(file);
      phase('connecting to the database');
      const counts = await withCityService(config, (svc) => {
        phase('connected to the database');
        return svc.import(input, phase);
      });
      const ms = Date.now() - started;
      io.out(
        json ? `${JSON.stringify({ ...counts, ms }, null, 2)}\n` : `${importSummary(counts, ms)}\n`,
      );
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
      const { cityFileJsonSchema } = await import('@app/domain');
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
    case 'what-if': {
      if (!file) throw new CliError(USAGE, 2);
      const r = await runWhatIf({ file, ...whatIf }, config);
      io.out(json ? `${JSON.stringify(r, null, 2)}\n` : whatIfTable(r));
      io.err(
        `what-if: ${r.sessions} sessions; read ${r.timings.readMs} ms, replay ${r.timings.replayMs} ms\n`,
      );
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
    if (err instanceof CliError) {
      io.err(`${err.message}\n`);
      return err.exitCode;
    }
    // loaded already when a command could throw them
    const { CityFileInvalidError } = await import('@app/domain');
    const { ConfigError } = await import('@app/config/load-config');
    if (err instanceof CityFileInvalidError) {
      printIssues(io, err.errors);
      return 1;
    }
    if (err instanceof ConfigError) {
      io.err(`${err.message}\n`);
      return 78;
    }
    io.err(`city: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  }
}
