/** @needs postgres redis (test/support/services.js) */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap';
import {
  EventStream,
  generateCity,
  GroundTruth,
  HttpPublisher,
  runSimulation,
  type GroundTruthReport,
  type RunSummary,
} from '../../sensors-sim/src';
import {
  BOOT_RACE_MS,
  distinctUplinks,
  historyBounds,
  e2eStreamOptions,
  eventually,
  expectedRejections,
  historyCount,
  liveMismatches,
  rejectionsByReason,
  sameCounts,
  simBackend,
  type SimBackend,
  unmatchedRefusals,
} from './support/sim-harness';

/**
 * The HTTP fallback end to end: the real API (POST /v1/ingest/events, HTTP Basic per gateway with
 * the scrypt hashes from the generated city) fed by the simulator with faults on.
 */
describe('sensors-sim -> HTTP ingest (real API): convergence to the ground truth', () => {
  const { city, secrets } = generateCity({ spaces: 200, seed: 'sim-e2e-http', gatewaySize: 40 });
  let backend: SimBackend;
  let app: NestFastifyApplication | undefined;
  let truth: GroundTruthReport;
  let summary: RunSummary;

  beforeAll(async () => {
    backend = await simBackend(city);
    app = await createApiApp(backend.config);
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();

    const stream = new EventStream(city, { ...e2eStreamOptions(`http-${backend.id}`) });
    const recorder = new GroundTruth(stream, { bootRaceMs: BOOT_RACE_MS });
    summary = await runSimulation(
      stream,
      new HttpPublisher({ baseUrl: url, secrets, retries: 3 }),
      {
        speed: 'max',
        maxInFlight: 16,
        batch: { batchSize: 100, windowMs: 30_000, topicRoot: '' },
        truth: recorder,
      },
    );
    truth = recorder.report();
  });

  afterAll(async () => {
    await app?.close();
    await backend?.close();
  });

  it('accepts every valid message (2xx) and answers every invalid one', () => {
    expect(summary.errors).toBe(0);
    expect(summary.firstError).toBeUndefined();
    const stats = summary.publisher;
    const refused = Object.entries(stats)
      .filter(([k]) => /^http_4\d\d$/.test(k))
      .reduce((n, [, v]) => n + v, 0);
    expect(stats.http_200).toBeGreaterThan(100);
    // Whole-message refusals answer 4xx; an event refused inside an accepted message answers 200.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThanOrEqual(truth.totals.invalidMessages);
  });

  it('stores every refusal with the reason the simulator intended', async () => {
    const expected = expectedRejections(truth);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(5);
    const got = await eventually(
      () => rejectionsByReason(backend.pg),
      (r) => sameCounts(r, expected),
      5000,
    );
    expect(got).toEqual(expected);
    expect(await unmatchedRefusals(backend.pg, truth)).toEqual([]);
  });

  it('converges to the ground truth and keeps each distinct uplink once', async () => {
    expect(await liveMismatches(backend, city, truth)).toEqual([]);
    const { min, max } = historyBounds(truth);
    expect(max - min).toBeLessThan(distinctUplinks(truth) / 100);
    const n = await historyCount(backend.pg);
    expect(n).toBeGreaterThanOrEqual(min);
    expect(n).toBeLessThanOrEqual(max);
  });
});
