import { writeFileSync } from 'node:fs';
import { DEFAULT_CITY_FILE, ensureDirOf } from './output-files';
import { generateCity } from '../city/city-generator';
import { DEFAULT_CITY_OPTIONS } from '../city/city-options';
import type { Args, OptionSpec } from './args';

export const CITY_HELP = `sim city [options]          generate a synthetic city file
  --spaces N             spaces (one sensor each)              [${DEFAULT_CITY_OPTIONS.spaces}]
  --seed S               seed                                  [${DEFAULT_CITY_OPTIONS.seed}]
  --lat / --lon          centre                                [${DEFAULT_CITY_OPTIONS.centre.lat} / ${DEFAULT_CITY_OPTIONS.centre.lon}]
  --gateway-size N       sensors per gateway                   [${DEFAULT_CITY_OPTIONS.gatewaySize}]
  --dual-share X         share of sensors bound to 2 gateways  [${DEFAULT_CITY_OPTIONS.dualGatewayShare}]
  --temporary-lots N     temporary lots                        [${DEFAULT_CITY_OPTIONS.temporaryLots}]
  --reference-date D     temporary lots are valid around it    [${DEFAULT_CITY_OPTIONS.referenceDate}]
  --name TEXT            city name
  --out FILE             city file                             [.local/sim/city.json]
  --secrets FILE         plaintext gateway secrets             [<out>.secrets.json]`;

export const CITY_OPTIONS: OptionSpec = {
  spaces: 'string',
  seed: 'string',
  lat: 'string',
  lon: 'string',
  'gateway-size': 'string',
  'dual-share': 'string',
  'temporary-lots': 'string',
  'reference-date': 'string',
  name: 'string',
  out: 'string',
  secrets: 'string',
};

export function cityCommand(args: Args, log: (line: string) => void): void {
  const out = args.string('out', DEFAULT_CITY_FILE);
  const secretsFile = args.string('secrets', out.replace(/\.json$/, '') + '.secrets.json');
  const started = Date.now();
  const generated = generateCity({
    seed: args.string('seed', DEFAULT_CITY_OPTIONS.seed),
    spaces: args.number('spaces', DEFAULT_CITY_OPTIONS.spaces, 1),
    centre: {
      lat: args.number('lat', DEFAULT_CITY_OPTIONS.centre.lat, -85, 85),
      lon: args.number('lon', DEFAULT_CITY_OPTIONS.centre.lon, -180, 180),
    },
    gatewaySize: args.number('gateway-size', DEFAULT_CITY_OPTIONS.gatewaySize, 1),
    dualGatewayShare: args.number('dual-share', DEFAULT_CITY_OPTIONS.dualGatewayShare, 0, 1),
    temporaryLots: args.number('temporary-lots', DEFAULT_CITY_OPTIONS.temporaryLots, 1),
    referenceDate: args.string('reference-date', DEFAULT_CITY_OPTIONS.referenceDate),
    name: args.string('name'),
  });
  const generatedMs = Date.now() - started;
  writeFileSync(ensureDirOf(out), JSON.stringify(generated.city));
  writeFileSync(ensureDirOf(secretsFile), JSON.stringify(generated.secrets, null, 2), {
    mode: 0o600,
  });
  const c = generated.city;
  log(
    `city ${out}: ${c.spaces.length} spaces, ${c.lots.length} lots, ${c.zones.length} zones, ` +
      `${c.gateways.length} gateways, ${c.sensors.length} sensors, ${c.signs.length} signs ` +
      `(generated in ${generatedMs} ms, written in ${Date.now() - started - generatedMs} ms)`,
  );
  log(
    `gateway secrets ${secretsFile} (keep private; needed only for HTTP ingest or per-gateway MQTT logins)`,
  );
}
