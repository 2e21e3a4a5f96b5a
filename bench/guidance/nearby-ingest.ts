/**
 * Ingest load child process for nearby.bench.ts: `nearby-ingest.ts <redisUrl> <keyPrefix>`
 * applies 1,000 events/s (20 every 20 ms) through the live-store write API until killed.
 */
import { ApplyItem, createLiveRedis, RedisLiveWriter } from '@app/live-store';
import { syntheticCity } from '../city-import/synthetic-city';
import { rng } from './bench-city';

function main(): void {
  const [url, keyPrefix] = process.argv.slice(2);
  const city = syntheticCity();
  const zoneOf = new Map(city.lots!.map((l) => [l.id, l.zoneId]));
  const spaces = city.spaces!;
  const writer = new RedisLiveWriter(createLiveRedis({ url, keyPrefix }, { offlineQueue: true }));
  const seqs = new Map<string, number>();
  const r = rng(9);
  let applied = 0;
  setInterval(() => {
    const items: ApplyItem[] = [];
    for (let k = 0; k < 20; k++) {
      const s = spaces[Math.floor(r() * spaces.length)];
      const seq = (seqs.get(s.id) ?? 1) + 1;
      seqs.set(s.id, seq);
      const t = Date.now();
      items.push({
        lotId: s.lotId,
        zoneId: zoneOf.get(s.lotId)!,
        spaceId: s.id,
        sensorId: `n-${s.id.slice(2)}`,
        seq,
        type: 'status',
        occupied: r() < 0.5,
        ts: t,
        receivedAt: t,
        lowBatteryMv: 3300,
        staleMs: 660_000,
      });
    }
    writer.applyBatch(items).then(
      () => (applied += items.length),
      () => undefined,
    );
  }, 20);
  process.on('SIGTERM', () => {
    process.stdout.write(JSON.stringify({ applied }) + '\n');
    process.exit(0);
  });
}

main();
