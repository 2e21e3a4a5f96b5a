import { readFileSync } from 'node:fs';
import { cityFileSchema, type CityFile } from '@app/domain';
import { DEFAULT_FAULTS, NO_FAULTS, type FaultOptions } from '../faults/fault-options';
import {
  DEFAULT_STREAM_OPTIONS,
  type StreamOptions,
  type TsFormat,
} from '../stream/stream-options';
import { ArgError, type Args, type OptionSpec } from './args';

export const STREAM_HELP = `  --city FILE            city file (from \`sim city\`)          [.local/sim/city.json]
  --seed S               seed of the event stream              [${DEFAULT_STREAM_OPTIONS.seed}]
  --start ISO            simulated start; default: now for --speed <= 1, else now minus --duration
  --duration D           simulated duration (90s, 15m, 2h, 1d)  [1h]
  --reboots X            reboots per sensor per day            [${DEFAULT_STREAM_OPTIONS.rebootsPerDay}]
  --seq-wrap X           share of sensors whose seq wraps      [${DEFAULT_STREAM_OPTIONS.seqWrapShare}]
  --low-battery X        share of sensors near low battery     [${DEFAULT_STREAM_OPTIONS.lowBatteryShare}]
  --demand X             demand multiplier                     [1]
  --ts-format F          iso | ms | mixed                      [mixed]
  --utc-offset MIN       city UTC offset for demand curves     [480]
  --no-initial-startup   sensors are already running at the start
  --no-final-sync        no closing heartbeat from every sensor
 faults (rates per uplink unless noted; --faults off sets all to 0 first):
  --repeat X [${DEFAULT_FAULTS.repeat}]  --dual X [${DEFAULT_FAULTS.dual}]  --reorder X [${DEFAULT_FAULTS.reorder}]  --loss X [${DEFAULT_FAULTS.loss}]
  --flap X (per state change) [${DEFAULT_FAULTS.flap}]  --invalid X [${DEFAULT_FAULTS.invalid}]
  --skew-share X [${DEFAULT_FAULTS.skewShare}]  --max-skew SEC [${DEFAULT_FAULTS.maxSkewS}]
  --outages X (per gateway per day) [${DEFAULT_FAULTS.outagesPerGatewayDay}]  --outage-mean MIN [${DEFAULT_FAULTS.outageMeanMin}]`;

/** Options of the event stream (`run` and `stream`). */
export const STREAM_OPTIONS: OptionSpec = {
  city: 'string',
  seed: 'string',
  start: 'string',
  duration: 'string',
  reboots: 'string',
  'seq-wrap': 'string',
  'low-battery': 'string',
  demand: 'string',
  'ts-format': 'string',
  'utc-offset': 'string',
  'initial-startup': 'boolean',
  'final-sync': 'boolean',
  faults: 'string',
  repeat: 'string',
  dual: 'string',
  reorder: 'string',
  loss: 'string',
  flap: 'string',
  invalid: 'string',
  'skew-share': 'string',
  'max-skew': 'string',
  outages: 'string',
  'outage-mean': 'string',
};

export function readCity(file: string): CityFile {
  return cityFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Stream and fault options from the command line. A run faster than real time defaults to ending
 * now (start = now - duration): the ingest refuses `ts` more than 10 minutes ahead of its clock.
 */
export function streamOptionsFrom(args: Args, realTime: boolean, nowMs: number): StreamOptions {
  const durationMs = args.duration('duration', 3_600_000);
  const startRaw = args.string('start');
  const startMs =
    startRaw !== undefined
      ? Date.parse(startRaw)
      : Math.floor((realTime ? nowMs : nowMs - durationMs) / 1000) * 1000;
  if (!Number.isFinite(startMs)) throw new ArgError('--start must be an RFC 3339 time');
  const tsFormat = args.string('ts-format', 'mixed');
  if (!['iso', 'ms', 'mixed'].includes(tsFormat))
    throw new ArgError('--ts-format must be iso, ms or mixed');
  const mode = args.string('faults', 'default');
  if (mode !== 'off' && mode !== 'default') throw new ArgError('--faults must be off or default');
  const base = mode === 'off' ? NO_FAULTS : DEFAULT_FAULTS;
  const rate = (key: string, fallback: number): number => args.number(key, fallback, 0, 1);
  const faults: FaultOptions = {
    repeat: rate('repeat', base.repeat),
    dual: rate('dual', base.dual),
    reorder: rate('reorder', base.reorder),
    loss: rate('loss', base.loss),
    flap: rate('flap', base.flap),
    skewShare: rate('skew-share', base.skewShare),
    maxSkewS: args.number('max-skew', base.maxSkewS, 0, 540),
    invalid: rate('invalid', base.invalid),
    outagesPerGatewayDay: args.number('outages', base.outagesPerGatewayDay, 0, 1000),
    outageMeanMin: args.number('outage-mean', base.outageMeanMin, 1, 1440),
  };
  return {
    seed: args.string('seed', DEFAULT_STREAM_OPTIONS.seed),
    startMs,
    durationMs,
    utcOffsetMin: args.number('utc-offset', DEFAULT_STREAM_OPTIONS.utcOffsetMin, -840, 840),
    initialStartup: args.bool('initial-startup', true),
    seqWrapShare: rate('seq-wrap', DEFAULT_STREAM_OPTIONS.seqWrapShare),
    rebootsPerDay: args.number('reboots', DEFAULT_STREAM_OPTIONS.rebootsPerDay, 0, 1000),
    heartbeatJitter: DEFAULT_STREAM_OPTIONS.heartbeatJitter,
    lowBatteryShare: rate('low-battery', DEFAULT_STREAM_OPTIONS.lowBatteryShare),
    demandScale: args.number('demand', 1, 0, 10),
    finalSync: args.bool('final-sync', true),
    tsFormat: tsFormat as TsFormat,
    faults,
  };
}
