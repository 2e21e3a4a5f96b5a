/**
 * Load generator process: publishes QoS 1 messages as fast as the broker acknowledges them, with a
 * bounded in-flight window. Modes: `raw` (opaque 120-byte payloads) or `events` (contract events for
 * the sensors listed in a plan file). Prints one JSON line with the result on stdout.
 */
import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';

interface Plan {
  /** gatewayId -> sensor ids reachable through it */
  gateways: Record<string, string[]>;
}

interface Args {
  url: string;
  topicRoot: string;
  messages: number;
  batch: number;
  inflight: number;
  mode: 'raw' | 'events';
  plan?: string;
  seqBase: number;
  ratePerS: number;
}

function parseArgs(argv: string[]): Args {
  const get = (k: string, d?: string) => {
    const i = argv.indexOf(`--${k}`);
    return i >= 0 ? argv[i + 1] : d;
  };
  return {
    url: get('url', 'mqtt://127.0.0.1:1883')!,
    topicRoot: get('topic-root', '')!,
    messages: Number(get('messages', '100000')),
    batch: Number(get('batch', '1')),
    inflight: Number(get('inflight', '500')),
    mode: get('mode', 'raw') as Args['mode'],
    plan: get('plan'),
    seqBase: Number(get('seq-base', '1')),
    ratePerS: Number(get('rate', '0')),
  };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const client = await mqtt.connectAsync(a.url, { clean: true, reconnectPeriod: 1000 });
  const payloads = makePayloads(a);
  let sent = 0;
  let acked = 0;
  let inflight = 0;
  const start = Date.now();
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      while (inflight < a.inflight && sent < a.messages) {
        if (a.ratePerS > 0 && sent > ((Date.now() - start) / 1000) * a.ratePerS) {
          setTimeout(pump, 1);
          return;
        }
        const { topic, body } = payloads(sent);
        sent++;
        inflight++;
        client.publish(topic, body, { qos: 1 }, (err) => {
          if (err) return reject(err);
          inflight--;
          acked++;
          if (acked === a.messages) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const seconds = (Date.now() - start) / 1000;
  await client.endAsync();
  process.stdout.write(
    JSON.stringify({ messages: acked, events: acked * a.batch, seconds }) + '\n',
  );
}

function makePayloads(a: Args): (i: number) => { topic: string; body: Buffer | string } {
  if (a.mode === 'raw') {
    const body = Buffer.alloc(120, 'x');
    return () => ({ topic: `${a.topicRoot}parking/v1/gateways/bench-gw/events`, body });
  }
  const plan = JSON.parse(readFileSync(a.plan!, 'utf8')) as Plan;
  const gws = Object.entries(plan.gateways);
  const seq = new Map<string, number>();
  const t0 = Date.now();
  return (i) => {
    const [gw, sensors] = gws[i % gws.length];
    const events = [];
    for (let k = 0; k < a.batch; k++) {
      const sensorId = sensors[(Math.floor(i / gws.length) * a.batch + k) % sensors.length];
      const s = (seq.get(sensorId) ?? a.seqBase) + 1;
      seq.set(sensorId, s);
      events.push({
        sensorId,
        seq: s >>> 0,
        type: 'status',
        occupied: (s & 1) === 1,
        ts: t0 + i,
        batteryMv: 3600,
      });
    }
    const body = a.batch === 1 ? JSON.stringify(events[0]) : JSON.stringify({ events });
    return { topic: `${a.topicRoot}parking/v1/gateways/${gw}/events`, body };
  };
}

main().catch((err) => {
  process.stderr.write(`publisher failed: ${String(err)}\n`);
  process.exit(1);
});
