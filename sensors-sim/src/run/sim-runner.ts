import type { GroundTruth } from '../truth/ground-truth';
import type { EventStream } from '../stream/event-stream';
import { MessageBatcher, type BatchOptions, type SimMessage } from '../publish/message-batcher';
import type { Publisher } from '../publish/publisher';
import { InFlight } from './in-flight';

export interface RunProgress {
  simMs: number;
  elapsedMs: number;
  eventsSent: number;
  messagesSent: number;
  invalidSent: number;
  /** Events acknowledged per wall-clock second since the previous report. */
  rate: number;
  inFlight: number;
}

export interface RunSummary extends RunProgress {
  stopped: boolean;
  errors: number;
  firstError?: string;
  publisher: Record<string, number>;
}

export interface RunOptions {
  /** Simulated seconds per wall second; 'max' = as fast as the publisher acknowledges. */
  speed: number | 'max';
  maxInFlight: number;
  batch: BatchOptions;
  truth?: GroundTruth;
  progressEveryMs?: number;
  onProgress?: (p: RunProgress) => void;
  /** Stop early (e.g. on SIGINT): open batches are flushed and awaited. */
  shouldStop?: () => boolean;
  /** Give up after this many failed publishes. */
  maxErrors?: number;
}

/** Drives a stream through a publisher, pacing by simulated time; the stream itself never looks at the clock. */
export async function runSimulation(
  stream: EventStream,
  publisher: Publisher,
  o: RunOptions,
): Promise<RunSummary> {
  const batcher = new MessageBatcher(o.batch);
  const slots = new InFlight(o.maxInFlight);
  const wallStart = Date.now();
  const s = { simMs: stream.startMs, eventsSent: 0, messagesSent: 0, invalidSent: 0, errors: 0 };
  let firstError: string | undefined;
  let lastReport = { at: wallStart, events: 0 };
  const progress = (): RunProgress => {
    const now = Date.now();
    const rate = ((s.eventsSent - lastReport.events) * 1000) / Math.max(1, now - lastReport.at);
    lastReport = { at: now, events: s.eventsSent };
    return { ...s, elapsedMs: now - wallStart, rate: Math.round(rate), inFlight: slots.count };
  };
  const timer = o.onProgress
    ? setInterval(() => o.onProgress?.(progress()), o.progressEveryMs ?? 1000)
    : null;
  const tooManyErrors = (): boolean => s.errors > (o.maxErrors ?? 100);

  const send = async (m: SimMessage): Promise<void> => {
    if (o.speed !== 'max') {
      const due = wallStart + (m.atMs - stream.startMs) / o.speed;
      const wait = due - Date.now();
      if (wait > 2) await new Promise((r) => setTimeout(r, wait));
    }
    await slots.acquire();
    s.simMs = m.atMs;
    publisher.publish(m).then(
      () => {
        s.messagesSent++;
        if (m.invalid) s.invalidSent++;
        else s.eventsSent += m.events;
        slots.release();
      },
      (err: unknown) => {
        s.errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
        slots.release();
      },
    );
  };

  let stopped = false;
  let produced = 0;
  try {
    for (let d = stream.next(); d !== null; d = stream.next()) {
      o.truth?.observe(d);
      for (const m of batcher.add(d)) await send(m);
      if (++produced % 2000 === 0) await new Promise((r) => setImmediate(r));
      if (o.shouldStop?.() || tooManyErrors()) {
        stopped = true;
        break;
      }
    }
    for (const m of batcher.flush(stopped ? s.simMs : stream.endMs)) await send(m);
    await slots.idle();
  } finally {
    if (timer) clearInterval(timer);
  }
  return {
    ...progress(),
    rate: Math.round((s.eventsSent * 1000) / Math.max(1, Date.now() - wallStart)),
    stopped,
    errors: s.errors,
    firstError,
    publisher: publisher.stats(),
  };
}
