const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
const SKIP = new Set(['level', 'time', 'app', 'msg', 'pid', 'hostname']);

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/**
 * One pino JSON line as one line of text for a terminal:
 * `12:03:04.567 INFO  api: msg key=value ...`; an error's stack follows on its own lines.
 */
export function prettyLine(json: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const t = typeof o.time === 'number' ? new Date(o.time) : new Date();
  const hh = (n: number, w = 2) => String(n).padStart(w, '0');
  const time = `${hh(t.getHours())}:${hh(t.getMinutes())}:${hh(t.getSeconds())}.${hh(t.getMilliseconds(), 3)}`;
  const level = LEVELS[o.level as number] ?? String(o.level);
  let stack = '';
  const extra: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (SKIP.has(k)) continue;
    if (k === 'err' && v && typeof v === 'object' && 'stack' in v) {
      const e = v as { message?: string; stack?: string };
      extra.push(`err=${value(e.message ?? '')}`);
      stack = `\n    ${String(e.stack).split('\n').join('\n    ')}`;
      continue;
    }
    extra.push(`${k}=${value(v)}`);
  }
  const tail = extra.length ? ` ${extra.join(' ')}` : '';
  return `${time} ${level} ${String(o.app ?? '')}: ${String(o.msg ?? '')}${tail}${stack}\n`;
}

/** A pino destination writing `prettyLine`s to a stream (stdout by default), synchronously. */
export function prettyDestination(out: NodeJS.WritableStream = process.stdout): {
  write(line: string): void;
} {
  return { write: (line: string) => void out.write(prettyLine(line)) };
}
