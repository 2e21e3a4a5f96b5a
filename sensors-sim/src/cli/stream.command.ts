import { createWriteStream } from 'node:fs';
import { DEFAULT_CITY_FILE, ensureDirOf } from './output-files';
import type { Writable } from 'node:stream';
import { EventStream } from '../stream/event-stream';
import type { Args, OptionSpec } from './args';
import { readCity, STREAM_HELP, STREAM_OPTIONS, streamOptionsFrom } from './stream-flags';

export const STREAM_COMMAND_HELP = `sim stream [options]        print the deliveries as NDJSON (no network); measures generation speed
${STREAM_HELP}
  --out FILE             write here instead of stdout ('-' = stdout); 'none' only counts`;

export const STREAM_COMMAND_OPTIONS: OptionSpec = { ...STREAM_OPTIONS, out: 'string' };

export async function streamCommand(args: Args, log: (line: string) => void): Promise<void> {
  const out = args.string('out', '-');
  const city = readCity(args.string('city', DEFAULT_CITY_FILE));
  const options = streamOptionsFrom(args, false, Date.now());
  const started = Date.now();
  const stream = new EventStream(city, options);
  const ready = Date.now();
  const sink: Writable | null =
    out === 'none' ? null : out === '-' ? process.stdout : createWriteStream(ensureDirOf(out));
  let count = 0;
  for (const d of stream) {
    count++;
    if (sink && !sink.write(JSON.stringify(d) + '\n'))
      await new Promise<void>((r) => sink.once('drain', () => r()));
  }
  if (sink && sink !== process.stdout) await new Promise<void>((r) => sink.end(() => r()));
  const ms = Date.now() - ready;
  log(
    `${count} deliveries in ${ms} ms (${Math.round((count * 1000) / Math.max(1, ms))}/s; set-up ${ready - started} ms), ` +
      `simulated ${new Date(stream.startMs).toISOString()} .. ${new Date(stream.endMs).toISOString()}`,
  );
}
