/** Times the ingest use case in-process per stage, no MQTT: `npx ts-node -T -r tsconfig-paths/register bench/ingest/stage-probe.ts [lots]` */
import { createLiveRedis } from '@app/live-store';
import { PgEventLog } from '@app/persistence/event-log';
import { createIngestRuntime } from '../../apps/ingest/src/wiring';
import { createTestDatabase } from '../../test/support/db';
import { startRedisServer } from '../../test/support/redis-server';
import { seedTestCity } from '../../test/ingest/support/test-city';
import { deletePrefix, testConfig } from '../../test/ingest/support/test-config';

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const city = await seedTestCity(db.url, {
    lots: Number(process.argv[2] ?? 200),
    spacesPerLot: 100,
    gateways: 50,
  });
  const own = await startRedisServer();
  const config = testConfig(db.url, { REDIS_URL: own.url });
  const rt = await createIngestRuntime(config, { listen: false });
  await rt.rebuilder.rebuild(false);
  const timed = <T extends object>(obj: T, name: keyof T & string) => {
    const orig = obj[name] as unknown as (...a: unknown[]) => Promise<unknown>;
    (obj as Record<string, unknown>)[name] = async function (this: unknown, ...a: unknown[]) {
      const t = performance.now();
      try {
        return await orig.apply(this, a);
      } finally {
        process.stdout.write(`  ${name}: ${(performance.now() - t).toFixed(1)} ms\n`);
      }
    };
  };
  timed(rt.writer, 'applyBatch');
  timed(rt.writer, 'settle');
  timed(PgEventLog.prototype, 'record');
  const byGw = new Map<string, string[]>();
  for (const s of city.sensors)
    byGw.set(s.gatewayId, [...(byGw.get(s.gatewayId) ?? []), s.sensorId]);
  let seq = 0;
  try {
    for (let round = 0; round < 10; round++) {
      seq++;
      const msgs = [];
      for (const [gw, sensors] of byGw) {
        if (msgs.length >= 40) break;
        const events = sensors.slice(0, 50).map((sensorId) => ({
          sensorId,
          seq,
          type: 'heartbeat',
          occupied: seq % 2 === 0,
          ts: Date.now() - 1000,
        }));
        msgs.push({
          gatewayId: gw,
          payload: Buffer.from(JSON.stringify({ events })),
          receivedAt: Date.now(),
        });
      }
      const t0 = performance.now();
      await rt.service.ingest(msgs, { maxAttempts: 1 });
      process.stdout.write(
        `batch of ${msgs.length * 50} events: ${(performance.now() - t0).toFixed(1)} ms\n`,
      );
    }
    const raw = createLiveRedis(config.redis, { offlineQueue: true });
    const stats = (await raw.info('commandstats').finally(() => raw.disconnect()))
      .split('\n')
      .filter((l) => /evalsha|zadd|sadd|eval:/.test(l));
    process.stdout.write(stats.join('\n') + '\n');
  } finally {
    await rt.close();
    await deletePrefix(config.prefix);
    await db.drop();
    await own.stop();
  }
}
void main();
