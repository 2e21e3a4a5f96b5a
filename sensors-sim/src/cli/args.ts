import { parseArgs } from 'node:util';

/** The options a command accepts: each takes a value, or is a flag (`--x`, `--no-x`). */
export type OptionSpec = Readonly<Record<string, 'string' | 'boolean'>>;

/**
 * Typed access to a command line parsed by `node:util` `parseArgs` (strict: an option the
 * command does not declare is an error). `--help`/`-h` is declared for every command.
 */
export class Args {
  private constructor(
    private readonly values: Readonly<Record<string, string | boolean | undefined>>,
    readonly positional: readonly string[],
  ) {}

  static parse(argv: readonly string[], spec: OptionSpec): Args {
    const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
      help: { type: 'boolean', short: 'h' },
    };
    for (const [name, type] of Object.entries(spec)) {
      options[name] = { type };
      if (type === 'boolean') options[`no-${name}`] = { type };
    }
    try {
      const { values, positionals } = parseArgs({
        args: normalise(argv, spec),
        options,
        allowPositionals: true,
        strict: true,
      });
      return new Args(values, positionals);
    } catch (err) {
      // parseArgs adds advice about positionals starting with '-' that does not apply here.
      const message = err instanceof Error ? err.message : String(err);
      throw new ArgError(message.replace(/\. To specify a positional.*$/s, ''));
    }
  }

  get help(): boolean {
    return this.values.help === true;
  }

  string(key: string, fallback: string): string;
  string(key: string): string | undefined;
  string(key: string, fallback?: string): string | undefined {
    const v = this.values[key];
    return typeof v === 'string' ? v : fallback;
  }

  number(key: string, fallback: number, min = -Infinity, max = Infinity): number {
    const raw = this.string(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new ArgError(`--${key} must be a number in [${min}, ${max}]`);
    return n;
  }

  bool(key: string, fallback: boolean): boolean {
    if (this.values[`no-${key}`] === true) return false;
    return this.values[key] === true ? true : fallback;
  }

  /** Durations like 90s, 15m, 2h, 1d, 500ms. */
  duration(key: string, fallbackMs: number): number {
    const raw = this.string(key);
    if (raw === undefined) return fallbackMs;
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(raw);
    if (!m) throw new ArgError(`--${key} must look like 90s, 15m, 2h or 1d`);
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
      m[2] as 'ms' | 's' | 'm' | 'h' | 'd'
    ];
    return Math.round(Number(m[1]) * unit);
  }
}

/**
 * Keeps the command lines that worked before parseArgs: `--lon -73.9` (parseArgs calls a value
 * starting with '-' ambiguous) and `--quiet=false`.
 */
function normalise(argv: readonly string[], spec: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') ? a.slice(2, eq > 0 ? eq : undefined) : '';
    if (spec[name] === 'string' && eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out.push(`--${name}=${argv[++i]}`);
    } else if (spec[name] === 'boolean' && eq > 0) {
      const v = a.slice(eq + 1);
      if (!['true', '1', 'false', '0'].includes(v))
        throw new ArgError(`--${name} must be true or false`);
      out.push(v === 'true' || v === '1' ? `--${name}` : `--no-${name}`);
    } else {
      out.push(a);
    }
  }
  return out;
}

export class ArgError extends Error {
  override readonly name = 'ArgError';
}
