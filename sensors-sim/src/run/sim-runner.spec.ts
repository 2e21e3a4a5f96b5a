import { generateCity } from '../city/city-generator';
import type { SimMessage } from '../publish/message-batcher';
import { NullPublisher, Publisher } from '../publish/publisher';
import { EventStream } from '../stream/event-stream';
import { GroundTruth } from '../truth/ground-truth';
import { runSimulation } from './sim-runner';

const { city } = generateCity({ spaces: 300, seed: 'runner-spec', gatewaySize: 50 });
const START = Date.parse('2026-11-30T09:00:00+08:00');
const stream = () => new EventStream(city, { seed: 'r', startMs: START, durationMs: 30 * 60_000 });
const batch = { batchSize: 20, windowMs: 2000, topicRoot: 'x/' };

/** Acknowledges after a random short delay, so completions come back out of order. */
class SlowPublisher extends Publisher {
  readonly name = 'slow';
  readonly messages: SimMessage[] = [];
  active = 0;
  peak = 0;
  async start(): Promise<void> {}
  async publish(m: SimMessage): Promise<void> {
    this.messages.push(m);
    this.peak = Math.max(this.peak, ++this.active);
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    this.active--;
  }
  async close(): Promise<void> {}
}

describe('runSimulation', () => {
  it('publishes every delivery once, batched, and the same messages whatever the publish timing', async () => {
    const fast = new NullPublisher(true);
    const s1 = stream();
    const truth = new GroundTruth(s1);
    const a = await runSimulation(s1, fast, { speed: 'max', maxInFlight: 100, batch, truth });
    const slow = new SlowPublisher();
    const b = await runSimulation(stream(), slow, { speed: 'max', maxInFlight: 8, batch });
    expect(slow.messages).toEqual(fast.messages);
    expect(slow.peak).toBeLessThanOrEqual(8);
    expect(slow.peak).toBeGreaterThan(1);
    const events = fast.messages.filter((m) => !m.invalid).reduce((n, m) => n + m.events, 0);
    expect(a.eventsSent).toBe(events);
    expect(b.eventsSent).toBe(events);
    expect(truth.report().totals.validEvents).toBe(events);
    expect(
      fast.messages.every((m) => m.events <= 20 && m.topic.startsWith('x/parking/v1/gateways/')),
    ).toBe(true);
  });

  it('paces by simulated time at a given speed', async () => {
    const started = Date.now();
    const s = new EventStream(city, { seed: 'r', startMs: START, durationMs: 60_000 });
    const summary = await runSimulation(s, new NullPublisher(), {
      speed: 120,
      maxInFlight: 10,
      batch,
    });
    // One simulated minute at 120x takes about half a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(summary.simMs).toBe(s.endMs);
  });

  it('stops early on request, still flushing and awaiting what was produced', async () => {
    const pub = new NullPublisher(true);
    const s = stream();
    const truth = new GroundTruth(s);
    const summary = await runSimulation(s, pub, {
      speed: 'max',
      maxInFlight: 10,
      batch,
      truth,
      shouldStop: () => true,
    });
    expect(summary.stopped).toBe(true);
    const sent = pub.messages.filter((m) => !m.invalid).reduce((n, m) => n + m.events, 0);
    expect(truth.report().totals.validEvents).toBe(sent);
  });

  it('counts publish failures and reports the first one', async () => {
    class Failing extends NullPublisher {
      override async publish(): Promise<void> {
        throw new Error('broker gone');
      }
    }
    const summary = await runSimulation(stream(), new Failing(), {
      speed: 'max',
      maxInFlight: 5,
      batch,
      maxErrors: 3,
    });
    expect(summary.errors).toBeGreaterThan(3);
    expect(summary.firstError).toBe('broker gone');
    expect(summary.stopped).toBe(true);
  });
});
