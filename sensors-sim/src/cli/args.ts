/** Minimal `--key value` / `--flag` / `--no-flag` parser; unknown keys are errors. */
export class Args {
  private readonly values = new Map<string, string | boolean>();
  private readonly used = new Set<string>();
  readonly positional: string[] = [];

  constructor(argv: readonly string[]) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (!a.startsWith('--')) {
        this.positional.push(a);
        continue;
      }
      const eq = a.indexOf('=');
      if (eq > 0) {
        this.values.set(a.slice(2, eq), a.slice(eq + 1));
      } else if (a.startsWith('--no-')) {
        this.values.set(a.slice(5), false);
      } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        this.values.set(a.slice(2), argv[++i]);
      } else {
        this.values.set(a.slice(2), true);
      }
    }
  }

  has(key: string): boolean {
    this.used.add(key);
    return this.values.has(key);
  }

  string(key: string, fallback: string): string;
  string(key: string): string | undefined;
  string(key: string, fallback?: string): string | undefined {
    this.used.add(key);
    const v = this.values.get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') throw new ArgError(`--${key} needs a value`);
    return v;
  }

  number(key: string, fallback: number, min = -Infinity, max = Infinity): number {
    const raw = this.string(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new ArgError(`--${key} must be a number in [${min}, ${max}]`);
    return n;
  }

  bool(key: string, fallback: boolean): boolean {
    this.used.add(key);
    const v = this.values.get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new ArgError(`--${key} must be true or false`);
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

  /** Fails on options nobody asked for (typos). Call after reading every option. */
  rejectUnknown(): void {
    const unknown = [...this.values.keys()].filter((k) => !this.used.has(k));
    if (unknown.length > 0)
      throw new ArgError(`unknown option(s): ${unknown.map((k) => `--${k}`).join(', ')}`);
  }
}

export class ArgError extends Error {
  override readonly name = 'ArgError';
}
