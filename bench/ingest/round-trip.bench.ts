/**
 * CPU of one loopback round trip through ioredis (PING), the unit behind the per-batch costs:
 *     node -r ts-node/register/transpile-only bench/ingest/round-trip.bench.ts [redis://127.0.0.1:6379]
 * Session 2 on the 2-core VM, quiet, at two moments: user 25-30 + sys 17-19 us, and user
 * 40-67 + sys 48-61 us per round trip.
 */
import Redis from 'ioredis';

async function main(): Promise<void> {
  const r = new Redis(process.argv[2] ?? 'redis://127.0.0.1:6379');
  await r.ping();
  for (let k = 0; k < 3; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < 5000; i++) await r.ping();
    const c = process.cpuUsage(c0);
    const us = (performance.now() - t0) * 1000;
    process.stdout.write(
      `PING: ${(us / 5000).toFixed(1)} us wall, CPU user ${(c.user / 5000).toFixed(1)} + sys ${(c.system / 5000).toFixed(1)} us per round trip\n`,
    );
  }
  r.disconnect();
}

void main();
