/** @needs mosquitto (test/support/services.js) */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectAsync, type MqttClient } from 'mqtt';
import {
  EventStream,
  generateCity,
  HttpPublisher,
  MqttPublisher,
  NullPublisher,
  runSimulation,
  type SimMessage,
} from '../../sensors-sim/src';
import { startMosquitto, type OwnMosquitto } from '../support/mosquitto';

const { city, secrets } = generateCity({ spaces: 400, seed: 'publishers-e2e', gatewaySize: 50 });
const START = Date.parse('2026-11-30T08:00:00+08:00');
const stream = () =>
  new EventStream(city, {
    seed: 'p',
    startMs: START,
    durationMs: 20 * 60_000,
    faults: { invalid: 0.01 },
  });

async function expectedMessages(topicRoot: string, batchSize: number): Promise<SimMessage[]> {
  const pub = new NullPublisher(true);
  await runSimulation(stream(), pub, {
    speed: 'max',
    maxInFlight: 10,
    batch: { batchSize, windowMs: 5000, topicRoot },
  });
  return pub.messages;
}

describe('sensors-sim publishers (real Mosquitto, local HTTP server)', () => {
  let sub: MqttClient | undefined;
  let server: Server | undefined;
  // A private broker: the shared one keeps Mosquitto's default queue (1000) for a lagging subscriber.
  let broker: OwnMosquitto;
  beforeAll(async () => (broker = await startMosquitto()));
  afterAll(async () => broker?.stop());

  afterEach(async () => {
    await sub?.endAsync();
    sub = undefined;
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  it.each([
    ['shared connections', false],
    ['one login per gateway', true],
  ])('publishes every message with QoS 1 on its gateway topic (%s)', async (_name, perGateway) => {
    const root = `simtest-${process.pid}-${Date.now()}-${perGateway ? 'g' : 's'}/`;
    const received: { topic: string; payload: string }[] = [];
    sub = await connectAsync(broker.url, {
      clientId: `sim-e2e-sub-${process.pid}-${Date.now()}`,
    });
    sub.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
    await sub.subscribeAsync(`${root}parking/v1/gateways/+/events`, { qos: 1 });
    const expected = await expectedMessages(root, 25);

    const publisher = new MqttPublisher({
      url: broker.url,
      connections: 3,
      clientIdPrefix: `sim-e2e-${process.pid}`,
      gatewaySecrets: perGateway ? secrets : undefined,
    });
    await publisher.start();
    const summary = await runSimulation(stream(), publisher, {
      speed: 'max',
      maxInFlight: 50,
      batch: { batchSize: 25, windowMs: 5000, topicRoot: root },
    });
    expect(publisher.stats().connections).toBe(perGateway ? city.gateways.length : 3);
    await publisher.close();

    const deadline = Date.now() + 10_000;
    while (received.length < expected.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(summary.errors).toBe(0);
    expect(summary.messagesSent).toBe(expected.length);
    const key = (m: { topic: string; payload: string }) => `${m.topic} ${m.payload}`;
    expect(received.map(key).sort()).toEqual(expected.map(key).sort());
    // Each gateway's messages arrive in the order it sent them.
    for (const gw of city.gateways.map((g) => g.id)) {
      const topic = `${root}parking/v1/gateways/${gw}/events`;
      expect(received.filter((m) => m.topic === topic).map((m) => m.payload)).toEqual(
        expected.filter((m) => m.topic === topic).map((m) => m.payload),
      );
    }
  });

  it('posts to /v1/ingest/events with HTTP Basic per gateway, retrying 5xx', async () => {
    const requests: { gateway: string; secret: string; body: string; path: string }[] = [];
    let failOnce = true;
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (failOnce) {
          failOnce = false;
          res.writeHead(503).end();
          return;
        }
        const [gateway, secret] = Buffer.from(
          (req.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        )
          .toString()
          .split(':');
        requests.push({ gateway, secret, body, path: req.url ?? '' });
        let ok = true;
        try {
          JSON.parse(body);
        } catch {
          ok = false;
        }
        res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const expected = await expectedMessages('', 10);

    const publisher = new HttpPublisher({
      baseUrl: `http://127.0.0.1:${port}`,
      secrets,
      retries: 3,
    });
    const summary = await runSimulation(stream(), publisher, {
      speed: 'max',
      maxInFlight: 20,
      batch: { batchSize: 10, windowMs: 5000, topicRoot: '' },
    });
    expect(summary.errors).toBe(0);
    expect(publisher.stats().http_503).toBe(1);
    expect(requests).toHaveLength(expected.length);
    expect(
      requests.every((r) => r.path === '/v1/ingest/events' && secrets[r.gateway] === r.secret),
    ).toBe(true);
    expect(requests.map((r) => `${r.gateway} ${r.body}`).sort()).toEqual(
      expected.map((m) => `${m.gatewayId} ${m.payload}`).sort(),
    );
  });
});
