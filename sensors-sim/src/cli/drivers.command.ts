import { DEFAULT_DRIVER_OPTIONS, DRIVER_DISTRICTS } from '../drivers/driver-options';
import { formatReport } from '../drivers/driver-report';
import { runDrivers } from '../drivers/driver-sim';
import { ArgError, type Args, type OptionSpec } from './args';

const D = DEFAULT_DRIVER_OPTIONS;

export const DRIVERS_HELP = `sim drivers [options]       driver agents on simulated time: guidance with intents off, then on
  --spaces N             city size (generated with --seed)     [${D.spaces}]
  --seed S               seed (city and demand)                [${D.seed}]
  --district busy|quiet  start occupancy and demand pressure   [busy: ${DRIVER_DISTRICTS.busy.occupancy}, quiet: ${DRIVER_DISTRICTS.quiet.occupancy}]
  --occupancy X          start occupancy (overrides district)
  --pressure X           arrivals / steady-state departures
  --minutes N            arrival window in simulated minutes   [${D.durationMin}]
  --app-share X          share of drivers using the app        [${D.appShare}]
  --trip-min / --trip-max M  start-to-destination distance     [${D.tripM[0]} / ${D.tripM[1]}]
  --penalty M            intent ranking penalty (metres)       [${D.penaltyM}]
  --arrival-penalty M    arrival-aware ranking K (m; 0 = off)  [${D.arrivalPenaltyM}]
  --fill-only            ablation: arrival ranking ignores intents (turnover only)
  --send-eta             app queries carry the driver's eta (later declarations not protected)
  --intents on|off|both  runs to make                          [both]
  --json                 one JSON report per run instead of text`;

export const DRIVERS_OPTIONS: OptionSpec = {
  spaces: 'string',
  seed: 'string',
  district: 'string',
  occupancy: 'string',
  pressure: 'string',
  minutes: 'string',
  'app-share': 'string',
  'trip-min': 'string',
  'trip-max': 'string',
  penalty: 'string',
  'arrival-penalty': 'string',
  'fill-only': 'boolean',
  'send-eta': 'boolean',
  intents: 'string',
  json: 'boolean',
};

export function driversCommand(args: Args, log: (line: string) => void): void {
  const name = args.string('district', 'busy');
  if (name !== 'busy' && name !== 'quiet') throw new ArgError('--district must be busy or quiet');
  const district = DRIVER_DISTRICTS[name];
  const which = args.string('intents', 'both');
  if (!['on', 'off', 'both'].includes(which))
    throw new ArgError('--intents must be on, off or both');
  const base = {
    seed: args.string('seed', D.seed),
    spaces: args.number('spaces', D.spaces, 40, 200_000),
    occupancy: args.number('occupancy', district.occupancy, 0, 1),
    pressure: args.number('pressure', district.pressure, 0.1, 10),
    durationMin: args.number('minutes', D.durationMin, 1, 24 * 60),
    appShare: args.number('app-share', D.appShare, 0, 1),
    tripM: [args.number('trip-min', D.tripM[0], 0), args.number('trip-max', D.tripM[1], 0)] as [
      number,
      number,
    ],
    penaltyM: args.number('penalty', D.penaltyM, 0, 5000),
    arrivalPenaltyM: args.number('arrival-penalty', D.arrivalPenaltyM, 0, 5000),
    fillOnly: args.bool('fill-only', false),
    sendEta: args.bool('send-eta', false),
  };
  const runs = which === 'both' ? [false, true] : [which === 'on'];
  for (const intents of runs) {
    const report = runDrivers({ ...base, intents });
    if (args.bool('json', false)) log(JSON.stringify({ district: name, ...report }));
    else for (const line of formatReport(report)) log(line);
  }
}
