/**
 * CPU per event of the ingest use case, by component, without MQTT or concurrency:
 *
 *     npm run bench:ingest-cpu -- [--spaces 135000] [--batches 40] [--per-message 50]
 *       [--batch-events 2000] [--profile f]
 *
 * Runs IngestService.ingest (validate -> Redis Lua -> PostgreSQL statement) on batches of 2,000
 * events (`--batch-events`; a few events per batch shows the per-batch cost at low rates) of the simulated bench city, one batch at a time, and reports the CPU each component used
 * per event: this process (the worker's share), the private redis-server, and every PostgreSQL
 * process (the shared server: run it when nothing else uses PostgreSQL). Components never run at
 * the same time here, so the figures do not depend much on what else the machine is doing, which
 * makes this the tool for A/B comparisons of the ingest path; `npm run bench` gives the end-to-end
 * figures.
 */
import { loadConfig } from '@app/config';
import { IngestMessage } from '@app/ingestion';
import { createIngestRuntime } from '../../apps/ingest/src/wiring';
import { openDatabase, PgCityStore } from '@app/persistence';
import Redis from 'ioredis';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { generateCity } from '../../sensors-sim/src';
import { createTestDatabase } from '../../test/support/db';
import { startRedisServer } from '../../test/support/redis-server';
import { procTicks, postgresPids, TICK_MS } from '../harness/cpu-meter';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const spaces = arg('spaces', 135_000);
const batches = arg('batches', 40);
const perMessage = arg('per-message', 50);
const BATCH_EVENTS = arg('batch-events', 2000);
const profileIdx = process.argv.indexOf('--profile');
const profileFile = profileIdx > 0 ? process.argv[profileIdx + 1] : undefined;

async function commandStats(redis: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const out = new Map<string, { calls: number; usec: number }>();
  for (const line of (await redis.info('commandstats')).split('\n')) {
    const m = /^cmdstat_(\w+):calls=(\d+),usec=(\d+)/.exec(line);
    if (m) out.set(m[1], { calls: Number(m[2]), usec: Number(m[3]) });
  }
  return out;
}

async function main(): Promise<void> {
  const city = generateCity({ spaces, seed: 'bench' }).city;
  const db = await createTestDatabase();
  const own = await startRedisServer();
  const ds = await openDatabase(
    loadConfig({ DATABASE_URL: db.url, DATABASE_RUN_MIGRATIONS: 'false', LOG_LEVEL: 'warn' }),
  );
  await new PgCityStore(ds).replaceCity(city);
  await ds.destroy();
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: own.url,
    REDIS_KEY_PREFIX: 'c:',
    LOG_LEVEL: 'silent',
  });
  const rt = await createIngestRuntime(config, { listen: false });
  const admin = new Redis(own.url);
  const redisPid = Number(/process_id:(\d+)/.exec(await admin.info('server'))?.[1]);
  try {
    await rt.rebuilder.rebuild(false);
    const byGateway = new Map<string, string[]>();
    for (const s of city.sensors) {
      const list = byGateway.get(s.gatewayIds[0]);
      if (list) list.push(s.id);
      else byGateway.set(s.gatewayIds[0], [s.id]);
    }
    const gateways = [...byGateway];
    let seq = 0;
    let cursor = 0;
    const nextBatch = (): IngestMessage[] => {
      const msgs: IngestMessage[] = [];
      const now = Date.now();
      for (let n = 0; n < BATCH_EVENTS; n += perMessage) {
        const [gatewayId, sensors] = gateways[cursor++ % gateways.length];
        const round = Math.floor(cursor / gateways.length);
        const events = [];
        for (let k = 0; k < perMessage; k++) {
          const sensorId = sensors[(round * perMessage + k) % sensors.length];
          events.push({
            sensorId,
            seq: ++seq,
            type: 'status',
            occupied: (seq & 1) === 1,
            ts: new Date(now - 500).toISOString(),
            batteryMv: 3600,
          });
        }
        msgs.push({ gatewayId, payload: Buffer.from(JSON.stringify({ events })), receivedAt: now });
      }
      return msgs;
    };
    for (let i = 0; i < 10; i++) await rt.service.ingest(nextBatch(), { maxAttempts: 1 });
    const prepared = Array.from({ length: batches }, nextBatch); // payloads built outside the measure

    const session = profileFile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const pgPids = postgresPids();
    const pg0 = pgPids.map(procTicks);
    const redis0 = procTicks(redisPid);
    const stats0 = await commandStats(admin);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const batch of prepared) await rt.service.ingest(batch, { maxAttempts: 1 });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (session && profileFile) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
      session.disconnect();
    }
    const stats1 = await commandStats(admin);
    const events = batches * BATCH_EVENTS;
    const perEvent = (us: number) => (us / events).toFixed(1);
    const pgUs = pgPids.reduce((s, pid, i) => s + procTicks(pid) - pg0[i], 0) * TICK_MS * 1000;
    const redisUs = (procTicks(redisPid) - redis0) * TICK_MS * 1000;
    const worker = cpu.user + cpu.system;
    const lines = [
      `${events} events in ${batches} batches of ${BATCH_EVENTS} (${perMessage} per message), ${spaces} spaces`,
      `wall ${wallMs.toFixed(0)} ms = ${Math.round(events / (wallMs / 1000))} events/s sequential`,
      `CPU us/event: worker ${perEvent(worker)} (user ${perEvent(cpu.user)}, sys ${perEvent(cpu.system)}), ` +
        `redis ${perEvent(redisUs)}, postgres ${perEvent(pgUs)}, total ${perEvent(worker + redisUs + pgUs)}`,
    ];
    for (const [cmd, s1] of stats1) {
      const s0 = stats0.get(cmd) ?? { calls: 0, usec: 0 };
      const calls = s1.calls - s0.calls;
      if (calls < batches) continue;
      lines.push(
        `redis ${cmd}: ${calls} calls, ${((s1.usec - s0.usec) / calls).toFixed(1)} us/call, ` +
          `${perEvent(s1.usec - s0.usec)} us/event`,
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    admin.disconnect();
    await rt.close();
    await db.drop();
    await own.stop();
  }
}

void main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
