/** @needs mosquitto (test/support/services.js) */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { MqttClient } from 'mqtt';

/** The production broker config in docker/ must enforce per-gateway topics and authentication. */
describe('docker/mosquitto config', () => {
  let dir: string;
  let port: number;
  let broker: ChildProcess;
  const clients: MqttClient[] = [];

  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });

  const connect = (username: string, password: string) =>
    new Promise<MqttClient>((resolve, reject) => {
      const c = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
        username,
        password,
        reconnectPeriod: 0,
      });
      clients.push(c);
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    });

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'mqtt-acl-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'data'), { mode: 0o777 });
    chmodSync(join(dir, 'data'), 0o777);
    const conf = readFileSync('docker/mosquitto/mosquitto.conf', 'utf8')
      .replace('/mosquitto/config/passwords', join(dir, 'passwords'))
      .replace('/mosquitto/config/acl', join(dir, 'acl'))
      .replace('/mosquitto/data/', join(dir, 'data') + '/')
      .replace('listener 1883 0.0.0.0', `listener ${port} 127.0.0.1`);
    writeFileSync(join(dir, 'm.conf'), conf);
    writeFileSync(join(dir, 'acl'), readFileSync('docker/mosquitto/acl'));
    writeFileSync(join(dir, 'passwords'), 'ingest:ingest-pw\ngw-1:gw1-secret\n');
    execFileSync('mosquitto_passwd', ['-U', join(dir, 'passwords')]);
    for (const f of ['m.conf', 'acl', 'passwords']) chmodSync(join(dir, f), 0o644);
    broker = spawn('mosquitto', ['-c', join(dir, 'm.conf')], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      try {
        await connect('ingest', 'ingest-pw').then((c) => c.end(true));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error('broker did not start');
  });

  afterAll(() => {
    for (const c of clients) c.end(true);
    broker?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a wrong password', async () => {
    await expect(connect('gw-1', 'wrong')).rejects.toThrow(
      /Not authorized|not authorised|Bad username/i,
    );
  });

  it('delivers a gateway message on its own topic and drops one under another gateway id', async () => {
    // ingest partitions: the wildcard (one partition) and exact per-gateway topics (several)
    const wild = await connect('ingest', 'ingest-pw');
    const exact = await connect('ingest', 'ingest-pw');
    const got: string[] = [];
    wild.on('message', (topic) => got.push(`wild ${topic}`));
    exact.on('message', (topic) => got.push(`exact ${topic}`));
    await wild.subscribeAsync('parking/v1/gateways/+/events', { qos: 1 });
    await exact.subscribeAsync(
      ['parking/v1/gateways/gw-1/events', 'parking/v1/gateways/gw-2/events'],
      { qos: 1 },
    );
    const gw = await connect('gw-1', 'gw1-secret');
    await gw.publishAsync('parking/v1/gateways/gw-2/events', 'spoof', { qos: 1 });
    await gw.publishAsync('parking/v1/gateways/gw-1/events', 'real', { qos: 1 });
    for (let i = 0; i < 50 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect(got.sort()).toEqual([
      'exact parking/v1/gateways/gw-1/events',
      'wild parking/v1/gateways/gw-1/events',
    ]);
  });
});
