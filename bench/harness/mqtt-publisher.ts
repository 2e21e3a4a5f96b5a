/**
 * Load generator process: publishes QoS 1 messages as fast as the broker acknowledges them (or at
 * `--rate` messages/s), with a bounded in-flight window. Modes:
 * - `raw`: opaque payloads of `--bytes` bytes (120 = one event), one topic;
 * - `events`: contract events for the sensors of a plan file, gateways round robin, `--batch`
 *   events per message, `--messages` messages;
 * - `sweep`: every sensor of the plan exactly once, in `--batch`-event messages per gateway (burst).
 * Seqs start at `--seq-base` + 1 per sensor; `occupied` flips per event; ts = publish time.
 * Prints one JSON line with the result on stdout.
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
  bytes: number;
  inflight: number;
  mode: 'raw' | 'events' | 'sweep';
  plan?: string;
  seqBase: number;
  ratePerS: number;
}

type Next = (i: number) => { topic: string; body: Buffer | string; events: number };

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
    bytes: Number(get('bytes', '120')),
    inflight: Number(get('inflight', '500')),
    mode: get('mode', 'raw') as Args['mode'],
    plan: get('plan'),
    seqBase: Number(get('seq-base', '0')),
    ratePerS: Number(get('rate', '0')),
  };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const { next, total } = makePayloads(a);
  const client = await mqtt.connectAsync(a.url, { clean: true, reconnectPeriod: 1000 });
  let sent = 0;
  let acked = 0;
  let events = 0;
  let inflight = 0;
  const start = Date.now();
  await new Promise<void>((resolve, reject) => {
    if (total === 0) return resolve();
    // one pending timer at most: every ack calls pump, and a timer per early call used to pile
    // up thousands of timer chains (the publisher took ~70 % of a core at 1,000 messages/s)
    let timer: NodeJS.Timeout | null = null;
    const pump = () => {
      while (inflight < a.inflight && sent < total) {
        if (a.ratePerS > 0 && sent >= ((Date.now() - start) / 1000) * a.ratePerS) {
          timer ??= setTimeout(() => {
            timer = null;
            pump();
          }, 2);
          return;
        }
        const m = next(sent);
        sent++;
        inflight++;
        events += m.events;
        client.publish(m.topic, m.body, { qos: 1 }, (err) => {
          if (err) return reject(err);
          inflight--;
          acked++;
          if (acked === total) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const seconds = (Date.now() - start) / 1000;
  await client.endAsync();
  process.stdout.write(JSON.stringify({ messages: acked, events, seconds }) + '\n');
}

function makePayloads(a: Args): { next: Next; total: number } {
  if (a.mode === 'raw') {
    const body = Buffer.alloc(a.bytes, 'x');
    const topic = `${a.topicRoot}parking/v1/gateways/bench-gw/events`;
    return { next: () => ({ topic, body, events: 1 }), total: a.messages };
  }
  const plan = JSON.parse(readFileSync(a.plan!, 'utf8')) as Plan;
  const gws = Object.entries(plan.gateways).filter(([, s]) => s.length > 0);
  const seq = new Map<string, number>();
  const event = (sensorId: string) => {
    const s = (seq.get(sensorId) ?? a.seqBase) + 1;
    seq.set(sensorId, s);
    // flips on every event of a sensor; across sensors about half are occupied
    const occupied = ((s + sensorId.charCodeAt(sensorId.length - 1)) & 1) === 1;
    return { sensorId, seq: s >>> 0, type: 'status', occupied, ts: Date.now() };
  };
  const message = (gw: string, sensors: string[]) => {
    const events = sensors.map(event);
    const body = a.batch === 1 ? JSON.stringify(events[0]) : JSON.stringify({ events });
    return { topic: `${a.topicRoot}parking/v1/gateways/${gw}/events`, body, events: events.length };
  };
  if (a.mode === 'sweep') {
    const chunks: Array<[string, string[]]> = [];
    for (const [gw, sensors] of gws)
      for (let k = 0; k < sensors.length; k += a.batch)
        chunks.push([gw, sensors.slice(k, k + a.batch)]);
    // gateways interleaved, as a city-wide burst arrives
    const order = interleave(chunks);
    return { next: (i) => message(...order[i]), total: order.length };
  }
  const cursor = new Map<string, number>();
  return {
    next: (i) => {
      const [gw, sensors] = gws[i % gws.length];
      const c = cursor.get(gw) ?? 0;
      cursor.set(gw, c + a.batch);
      const picked: string[] = [];
      for (let k = 0; k < Math.min(a.batch, sensors.length); k++)
        picked.push(sensors[(c + k) % sensors.length]);
      return message(gw, picked);
    },
    total: a.messages,
  };
}

/** Round robin over the gateways' chunk lists (chunks arrive grouped by gateway). */
function interleave(chunks: Array<[string, string[]]>): Array<[string, string[]]> {
  const by = new Map<string, Array<[string, string[]]>>();
  for (const c of chunks) by.set(c[0], [...(by.get(c[0]) ?? []), c]);
  const lists = [...by.values()];
  const out: Array<[string, string[]]> = [];
  for (let r = 0; out.length < chunks.length; r++)
    for (const l of lists) if (r < l.length) out.push(l[r]);
  return out;
}

main().catch((err) => {
  process.stderr.write(`publisher failed: ${String(err)}\n`);
  process.exit(1);
});
