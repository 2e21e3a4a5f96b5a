import { IngestMetrics } from '@app/ingestion';
import type { LiveHealth } from '@app/live-store';
import type { Pool } from 'pg';
import type { IngestWorker } from './ingest-worker';
import { IngestReadiness } from './readiness';

/** Readiness logic only: the stores are stand-ins (their real behaviour is in test/faults). */
function setup(opts: { pgUp?: boolean; redis?: string; broker?: boolean; oldestMs?: number }) {
  const pool = {
    query: async () => {
      if (opts.pgUp === false) throw new Error('connect ECONNREFUSED');
      return { rows: [] };
    },
  } as unknown as Pool;
  const live = { name: 'redis', status: () => opts.redis ?? 'ready' } as unknown as LiveHealth;
  const worker = {
    pending: 0,
    progress: (_now: number, limit: number) => ({
      stuck: (opts.oldestMs ?? 0) > limit ? 1 : 0,
      oldestMs: opts.oldestMs ?? 0,
    }),
  } as unknown as IngestWorker;
  const metrics = new IngestMetrics();
  const r = new IngestReadiness(pool, live, worker, metrics, 10_000, () => ({
    connected: opts.broker ?? true,
  }));
  return { r, metrics };
}

describe('IngestReadiness', () => {
  it('is ready when PostgreSQL answers, Redis is ready, the broker is connected and nothing is stuck', async () => {
    const { r } = setup({});
    await r.start(60_000);
    expect(r.report()).toMatchObject({ ok: true, detail: { postgres: true, redis: 'ready' } });
    r.stop();
  });

  it.each([
    ['PostgreSQL down', { pgUp: false }],
    ['Redis reconnecting', { redis: 'reconnecting' }],
    ['broker disconnected', { broker: false }],
    ['a batch stuck past the limit', { oldestMs: 12_000 }],
  ])('is not ready with %s', async (_name, opts) => {
    const { r } = setup(opts);
    await r.start(60_000);
    expect(r.report().ok).toBe(false);
    r.stop();
  });

  it('keeps the stuck-batch gauges current', async () => {
    const { r, metrics } = setup({ oldestMs: 12_000 });
    await r.start(60_000);
    expect((await metrics.stuckBatches.get()).values[0].value).toBe(1);
    expect((await metrics.oldestBatchAge.get()).values[0].value).toBe(12);
    r.stop();
  });
});
