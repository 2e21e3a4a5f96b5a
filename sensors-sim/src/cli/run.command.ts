import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_CITY_FILE, ensureDirOf } from './output-files';
import { HttpPublisher } from '../publish/http-publisher';
import { MqttPublisher } from '../publish/mqtt-publisher';
import { NullPublisher, type Publisher } from '../publish/publisher';
import { runSimulation } from '../run/sim-runner';
import { EventStream } from '../stream/event-stream';
import { GroundTruth } from '../truth/ground-truth';
import { ArgError, type Args, type OptionSpec } from './args';
import { formatProgress, formatSummary } from './format';
import { readCity, STREAM_HELP, STREAM_OPTIONS, streamOptionsFrom } from './stream-flags';

export const RUN_HELP = `sim run [options]           simulate the sensors and publish their uplinks
${STREAM_HELP}
 pacing and transport:
  --speed X|max          simulated seconds per wall second     [max]
  --mqtt-url URL         broker                                [mqtt://127.0.0.1:1883]
  --topic-root P         prefix before parking/v1/... (same as the backend's MQTT_TOPIC_ROOT)
  --connections N        MQTT connections shared by gateways   [4]
  --mqtt-auth MODE       none | gateway (one login per gateway: gatewayId + secret) [none]
  --http URL             use the HTTP fallback (POST /v1/ingest/events) at this API base URL
  --secrets FILE         gateway secrets (for --http and --mqtt-auth gateway) [<city>.secrets.json]
  --dry-run              generate and batch, publish nothing
  --batch N              events per message (1 = bare event)   [50]
  --batch-window D       a partial batch leaves after          [1s]
  --in-flight N          unacknowledged messages at most       [1000]
  --truth FILE           write the ground truth at the end
  --quiet                no progress lines`;

export const RUN_OPTIONS: OptionSpec = {
  ...STREAM_OPTIONS,
  speed: 'string',
  'mqtt-url': 'string',
  'topic-root': 'string',
  connections: 'string',
  'mqtt-auth': 'string',
  http: 'string',
  secrets: 'string',
  'dry-run': 'boolean',
  batch: 'string',
  'batch-window': 'string',
  'in-flight': 'string',
  truth: 'string',
  quiet: 'boolean',
};

export async function runCommand(
  args: Args,
  log: (line: string) => void,
  shouldStop: () => boolean,
): Promise<number> {
  const speedRaw = args.string('speed', 'max');
  const speed = speedRaw === 'max' ? 'max' : Number(speedRaw);
  if (speed !== 'max' && !(speed > 0))
    throw new ArgError('--speed must be a positive number or max');
  const cityFile = args.string('city', DEFAULT_CITY_FILE);
  const now = Date.now();
  const options = streamOptionsFrom(args, speed !== 'max' && speed <= 1, now);
  const topicRoot = args.string('topic-root', '');
  const batchSize = args.number('batch', 50, 1, 1000);
  const windowMs = args.duration('batch-window', 1000);
  const maxInFlight = args.number('in-flight', 1000, 1, 100_000);
  const truthFile = args.string('truth');
  const quiet = args.bool('quiet', false);
  const publisher = makePublisher(args, cityFile);

  const wallMs = speed === 'max' ? 0 : options.durationMs / speed;
  if (options.startMs + options.durationMs > now + wallMs + 10 * 60_000) {
    log(
      'warning: simulated time runs more than 10 minutes ahead of the wall clock; the ingest refuses such ts',
    );
  }
  if (options.startMs < now - 7 * 86_400_000) {
    log('warning: simulated time starts more than 7 days ago; the ingest refuses such ts');
  }
  const stream = new EventStream(readCity(cityFile), options);
  const truth = new GroundTruth(stream);
  log(
    `sim: ${stream.fleet.size} sensors, ${stream.fleet.gatewayIds.length} gateways, seed ${options.seed}, ` +
      `${new Date(stream.startMs).toISOString()} .. ${new Date(stream.endMs).toISOString()}, speed ${speed}, via ${publisher.name}`,
  );
  await publisher.start();
  try {
    const summary = await runSimulation(stream, publisher, {
      speed,
      maxInFlight,
      batch: { batchSize, windowMs, topicRoot },
      truth,
      onProgress: quiet ? undefined : (p) => process.stderr.write(formatProgress(p) + '\n'),
      shouldStop,
    });
    const report = truth.report();
    log(formatSummary(summary, report));
    if (truthFile) {
      writeFileSync(ensureDirOf(truthFile), JSON.stringify(report));
      log(`ground truth written to ${truthFile}`);
    }
    return summary.errors > 0 ? 1 : 0;
  } finally {
    await publisher.close();
  }
}

function makePublisher(args: Args, cityFile: string): Publisher {
  const secretsFile = args.string('secrets', cityFile.replace(/\.json$/, '') + '.secrets.json');
  const secrets = (): Record<string, string> =>
    JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
  const http = args.string('http');
  const mqttUrl = args.string('mqtt-url', 'mqtt://127.0.0.1:1883');
  const connections = args.number('connections', 4, 1, 256);
  const auth = args.string('mqtt-auth', 'none');
  if (auth !== 'none' && auth !== 'gateway')
    throw new ArgError('--mqtt-auth must be none or gateway');
  if (args.bool('dry-run', false)) return new NullPublisher();
  if (http) return new HttpPublisher({ baseUrl: http, secrets: secrets(), retries: 5 });
  return new MqttPublisher({
    url: mqttUrl,
    connections,
    clientIdPrefix: `sensors-sim-${process.pid}`,
    gatewaySecrets: auth === 'gateway' ? secrets() : undefined,
  });
}
