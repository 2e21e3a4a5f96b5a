/** @needs mosquitto (test/support/services.js) */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { MqttClient } from 'mqtt';
import { runGatewayCli } from '../../apps/cli-gateway/src/gateway-cli';

/**
 * The production broker config in docker/ must enforce per-gateway topics and authentication, on
 * the plain listener and on the gateways' TLS listener, with logins written by the gateway CLI.
 */
describe('docker/mosquitto config', () => {
  let dir: string;
  let port: number;
  let tlsPort: number;
  let broker: ChildProcess;
  const clients: MqttClient[] = [];

  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });

  const connect = (username: string, password: string, tls = false) =>
    new Promise<MqttClient>((resolve, reject) => {
      const url = tls ? `mqtts://localhost:${tlsPort}` : `mqtt://127.0.0.1:${port}`;
      const c = mqtt.connect(url, {
        username,
        password,
        reconnectPeriod: 0,
        connectTimeout: 3000,
        ...(tls ? { ca: readFileSync(join(dir, 'server.crt')), servername: 'localhost' } : {}),
      });
      clients.push(c);
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    });

  beforeAll(async () => {
    port = await freePort();
    tlsPort = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'mqtt-acl-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'data'), { mode: 0o777 });
    chmodSync(join(dir, 'data'), 0o777);
    const shipped = readFileSync('docker/mosquitto/mosquitto.conf', 'utf8');
    const conf = shipped
      .replace('/mosquitto/auth/passwords', join(dir, 'passwords'))
      .replace('/mosquitto/config/acl', join(dir, 'acl'))
      .replace('/mosquitto/certs/server.crt', join(dir, 'server.crt'))
      .replace('/mosquitto/certs/server.key', join(dir, 'server.key'))
      .replace('/mosquitto/data/', join(dir, 'data') + '/')
      .replace('listener 1883 0.0.0.0', `listener ${port} 127.0.0.1`)
      .replace('listener 8883 0.0.0.0', `listener ${tlsPort} 127.0.0.1`);
    // every container path and listener of the shipped file was replaced
    const settings = conf.split('\n').filter((l) => !l.startsWith('#'));
    expect(settings.filter((l) => /\/mosquitto\/|0\.0\.0\.0/.test(l))).toEqual([]);
    writeFileSync(join(dir, 'm.conf'), conf);
    writeFileSync(join(dir, 'acl'), readFileSync('docker/mosquitto/acl'));
    // a self-signed certificate for localhost at the documented paths
    execFileSync(
      'openssl',
      [
        ...[
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
        ],
        ...['-addext', 'subjectAltName=DNS:localhost'],
        ...['-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.crt')],
      ],
      { stdio: 'ignore' },
    );
    // the logins as the deployment writes them: broker-user for ingest, add for a gateway
    const env = { INGEST_PW: 'ingest-pw', GW_SECRET: 'gw1-secret' };
    const io = { out: () => undefined, err: () => undefined, env };
    const pw = join(dir, 'passwords');
    expect(
      await runGatewayCli(
        ['broker-user', 'ingest', '--passwords', pw, '--secret-env', 'INGEST_PW'],
        io,
      ),
    ).toBe(0);
    expect(
      await runGatewayCli(['add', 'gw-1', '--passwords', pw, '--secret-env', 'GW_SECRET'], io),
    ).toBe(0);
    // readable by the broker's user when the test runs as root (mosquitto drops privileges)
    for (const f of ['m.conf', 'acl', 'passwords', 'server.crt', 'server.key']) {
      chmodSync(join(dir, f), 0o644);
    }
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

  it('TLS listener: a gateway publishes over TLS with its login; plaintext and bad logins are refused', async () => {
    const ingest = await connect('ingest', 'ingest-pw');
    const got: string[] = [];
    ingest.on('message', (topic, payload) => got.push(`${topic} ${payload.toString()}`));
    await ingest.subscribeAsync('parking/v1/gateways/+/events', { qos: 1 });
    const gw = await connect('gw-1', 'gw1-secret', true);
    await gw.publishAsync('parking/v1/gateways/gw-1/events', 'over-tls', { qos: 1 });
    for (let i = 0; i < 50 && got.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['parking/v1/gateways/gw-1/events over-tls']);
    await expect(connect('gw-1', 'wrong', true)).rejects.toThrow(/Not authorized|Bad username/i);
    // plain MQTT on the TLS port never connects
    const plain = mqtt.connect(`mqtt://127.0.0.1:${tlsPort}`, {
      username: 'gw-1',
      password: 'gw1-secret',
      reconnectPeriod: 0,
      connectTimeout: 1500,
    });
    clients.push(plain);
    const outcome = await new Promise<string>((resolve) => {
      plain.once('connect', () => resolve('connected'));
      plain.once('error', () => resolve('refused'));
      plain.once('close', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
