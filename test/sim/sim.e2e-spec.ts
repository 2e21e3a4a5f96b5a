/** @needs postgres redis mosquitto (test/support/services.js) */
import pino from 'pino';
import { startWorker, type RunningWorker } from '../../apps/ingest/src/worker/start-worker';
import {
  EventStream,
  generateCity,
  GroundTruth,
  MqttPublisher,
  runSimulation,
  type GroundTruthReport,
} from '../../sensors-sim/src';
import { startMosquitto, type OwnMosquitto } from '../support/mosquitto';
import {
  BOOT_RACE_MS,
  distinctUplinks,
  e2eStreamOptions,
  eventually,
  expectedRejections,
  historyBounds,
  settledHistoryCount,
  liveMismatches,
  rejectionsByReason,
  sameCounts,
  simBackend,
  type SimBackend,
  unmatchedRefusals,
} from './support/sim-harness';

/**
 * The whole path with faults on: a generated city imported with the city CLI, the ingest worker
 * consuming a private Mosquitto, the simulator publishing three simulated hours as fast as
 * possible. Afterwards the live state must equal the simulator's ground truth and every refused
 * message must carry the reason the simulator intended.
 */
describe('sensors-sim -> Mosquitto -> ingest worker: convergence to the ground truth', () => {
  const { city } = generateCity({ spaces: 500, seed: 'sim-e2e-mqtt', gatewaySize: 50 });
  let backend: SimBackend;
  // A private broker sized like docker/mosquitto: the shared dev broker keeps Mosquitto's default
  // max_queued_messages (1000) and silently drops messages when the worker falls behind.
  let broker: OwnMosquitto;
  let worker: RunningWorker | undefined;
  let truth: GroundTruthReport;

  beforeAll(async () => {
    broker = await startMosquitto();
    backend = await simBackend(city, { MQTT_URL: broker.url });
    worker = await startWorker(backend.config, pino({ level: 'silent' }));

    const stream = new EventStream(city, e2eStreamOptions(`mqtt-${backend.id}`));
    const recorder = new GroundTruth(stream, { bootRaceMs: BOOT_RACE_MS });
    const publisher = new MqttPublisher({
      url: broker.url,
      connections: 2,
      clientIdPrefix: `sim-${backend.id}`,
    });
    await publisher.start();
    try {
      const summary = await runSimulation(stream, publisher, {
        speed: 'max',
        maxInFlight: 200,
        batch: { batchSize: 50, windowMs: 2000, topicRoot: backend.root },
        truth: recorder,
      });
      expect(summary.errors).toBe(0);
    } finally {
      await publisher.close();
    }
    truth = recorder.report();
  });

  afterAll(async () => {
    await worker?.stop(5000);
    await backend?.close();
    await broker?.stop();
  });

  it('refuses every intentionally invalid message, each with the reason the simulator intended', async () => {
    const expected = expectedRejections(truth);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(6);
    const got = await eventually(
      () => rejectionsByReason(backend.pg),
      (r) => sameCounts(r, expected),
    );
    expect(got).toEqual(expected);
    expect(await unmatchedRefusals(backend.pg, truth)).toEqual([]);
  });

  it('converges: the live state of every space equals the ground truth (state, seq, counts)', async () => {
    const bad = await eventually(
      () => liveMismatches(backend, city, truth),
      (b) => b.length === 0,
    );
    expect(bad).toEqual([]);
    expect(truth.sensors.filter((s) => s.occupied).length).toBeGreaterThan(50);
  });

  it('keeps each distinct uplink once in the history, however many copies were sent', async () => {
    expect(truth.faults.repeated + truth.faults.dual).toBeGreaterThan(100);
    const { min, max } = historyBounds(truth);
    // only uplinks that raced their boot's startup may be missing, and those are rare
    expect(max - min).toBeLessThan(distinctUplinks(truth) / 100);
    const n = await settledHistoryCount(backend.pg, min);
    expect(n).toBeGreaterThanOrEqual(min);
    expect(n).toBeLessThanOrEqual(max);
  });
});
