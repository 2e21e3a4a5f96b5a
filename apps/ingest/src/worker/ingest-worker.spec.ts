import { DEFAULT_INGEST_CONFIG, IngestConfig } from '@app/config';
import { Deferred, fakeIngest, sensorMessage } from '@app/ingestion/testing';
import { InboundMessage } from './inbound-message';
import { IngestWorker } from './ingest-worker';

const T0 = 1_760_000_000_000;

/** A worker over the real use case and in-memory ports; acks are recorded in the order sent. */
async function setup(cfg: Partial<IngestConfig>) {
  const f = fakeIngest();
  await f.rebuilder.rebuild();
  const logged: string[] = [];
  const acks: string[] = [];
  const worker = new IngestWorker(
    f.service,
    { ...DEFAULT_INGEST_CONFIG, ...cfg },
    f.metrics,
    (m, err) => logged.push(`${m}${err ? `: ${String(err)}` : ''}`),
  );
  const send = (sensorId: string, seq: number) => {
    const m: InboundMessage = {
      ...sensorMessage(sensorId, seq, true, Date.now()),
      ack: () => acks.push(`${sensorId}#${seq}`),
    };
    worker.onMessage(m);
  };
  const inflight = async () => (await f.metrics.inflight.get()).values[0].value;
  return { ...f, worker, send, acks, logged, inflight };
}

/** Lets fake time run a millisecond at a time until `cond` holds. */
async function until(cond: () => boolean, maxMs = 10_000): Promise<void> {
  for (let t = 0; !cond(); t++) {
    if (t >= maxMs) throw new Error(`not reached within ${maxMs} ms of fake time`);
    await jest.advanceTimersByTimeAsync(1);
  }
}

/** Holds `record` calls of batches that contain one of these sensors until released. */
function holdRecords(log: ReturnType<typeof fakeIngest>['log'], sensors: string[]) {
  const held = new Map(sensors.map((s) => [s, new Deferred()]));
  log.beforeRecord = (batch) => {
    const hit = batch.events.find((e) => held.has(e.sensorId));
    return hit && held.get(hit.sensorId)!.promise;
  };
  return held;
}

beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

describe('IngestWorker: acknowledgements', () => {
  it('acks in receive order even when a later record finishes first', async () => {
    const { worker, send, acks, log, live, inflight } = await setup({
      batchMaxEvents: 1,
      commitMaxDelayMs: 0,
      concurrency: 2,
    });
    const held = holdRecords(log, ['S1', 'S3']);
    send('S1', 1);
    send('S3', 1);
    await until(() => log.recordCalls === 2); // both records in flight at once

    held.get('S3')!.resolve();
    await until(() => live.calls.settle === 1);
    await jest.advanceTimersByTimeAsync(50);
    expect(log.keys()).toEqual(['S3|1']);
    expect(acks).toEqual([]);

    held.get('S1')!.resolve();
    await until(() => acks.length === 2);
    expect(acks).toEqual(['S1#1', 'S3#1']);
    expect(log.keys()).toEqual(['S3|1', 'S1|1']);
    expect(await inflight()).toBe(0);
    expect(worker.pending).toBe(0);
  });

  it('forms a batch when it is full, or when its oldest message has waited the delay', async () => {
    const { service, send, acks } = await setup({
      batchMaxEvents: 3,
      batchMaxDelayMs: 1000,
      commitMaxDelayMs: 0,
    });
    const apply = jest.spyOn(service, 'apply');
    send('S1', 1);
    send('S2', 1);
    expect(apply).not.toHaveBeenCalled();
    send('S3', 1);
    expect(apply).toHaveBeenCalledTimes(1);
    expect(apply.mock.calls[0][0]).toHaveLength(3);

    send('S1', 2);
    await jest.advanceTimersByTimeAsync(300);
    send('S2', 2);
    await jest.advanceTimersByTimeAsync(699);
    expect(apply).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(apply).toHaveBeenCalledTimes(2);
    expect(apply.mock.calls[1][0]).toHaveLength(2);
    await until(() => acks.length === 5);
    expect(acks).toEqual(['S1#1', 'S2#1', 'S3#1', 'S1#2', 'S2#2']);
  });

  it('holds the record of a small batch for commitMaxDelayMs, not its live apply', async () => {
    const { send, acks, log, live } = await setup({ batchMaxEvents: 100, commitMaxDelayMs: 40 });
    send('S1', 1);
    await until(() => live.space('P1')?.seq === 1);
    const appliedAt = Date.now();
    await until(() => log.recordCalls === 1);
    expect(Date.now() - appliedAt).toBeGreaterThanOrEqual(39);
    await until(() => acks.length === 1);
  });

  it('never acks the messages of a batch whose apply failed; the next batches go on', async () => {
    const { service, send, acks, logged, worker, inflight } = await setup({ batchMaxEvents: 1 });
    jest.spyOn(service, 'apply').mockRejectedValueOnce(new Error('boom'));
    send('S1', 1);
    send('S2', 1);
    await until(() => acks.length === 1);
    await jest.advanceTimersByTimeAsync(100);
    expect(acks).toEqual(['S2#1']);
    expect(logged).toEqual(['batch failed, not acknowledged: Error: boom']);
    expect(worker.progress(Date.now(), 1000)).toEqual({ stuck: 0, oldestMs: 0 });
    expect(await inflight()).toBe(0);
  });

  it('never acks the messages of a batch whose record failed; later ones still go in order', async () => {
    const { service, send, acks, logged, log, inflight } = await setup({
      batchMaxEvents: 1,
      commitMaxDelayMs: 0,
      concurrency: 2,
    });
    const held = holdRecords(log, ['S1']);
    const commit = jest.spyOn(service, 'commit');
    commit.mockImplementationOnce(async () => {
      await held.get('S1')!.promise;
      throw new Error('lost');
    });
    send('S1', 1);
    send('S2', 1);
    send('S3', 1);
    await until(() => log.keys().length === 1);
    await jest.advanceTimersByTimeAsync(50);
    expect(log.keys()).toEqual(['S2|1']);
    expect(acks).toEqual([]); // S2 waits for S1's outcome
    held.get('S1')!.resolve();
    await until(() => acks.length === 2);
    await jest.advanceTimersByTimeAsync(50);
    expect(acks).toEqual(['S2#1', 'S3#1']);
    expect(logged).toEqual(['batch failed, not acknowledged: Error: lost']);
    expect(await inflight()).toBe(0);
  });
});

describe('IngestWorker: drain (SIGTERM)', () => {
  it('finishes the batches in progress within the grace and acks them', async () => {
    const { worker, send, acks, log } = await setup({
      batchMaxEvents: 100,
      batchMaxDelayMs: 5000,
      commitMaxDelayMs: 5000,
    });
    const held = holdRecords(log, ['S1']);
    send('S1', 1);
    send('S2', 1);
    let drained = false;
    const drain = worker.drain(10_000).then(() => (drained = true));
    send('S3', 1); // after the drain began: not taken, left to the broker to redeliver
    await until(() => log.recordCalls === 1); // flushed at once, delays ignored
    await jest.advanceTimersByTimeAsync(2000);
    expect(drained).toBe(false);
    expect(acks).toEqual([]);

    held.get('S1')!.resolve();
    await until(() => drained);
    await drain;
    expect(acks).toEqual(['S1#1', 'S2#1']);
    expect(log.keys().sort()).toEqual(['S1|1', 'S2|1']);
    expect(worker.pending).toBe(0);
  });

  it('abandons after the grace and acks nothing it abandoned', async () => {
    const { worker, send, acks, log, logged } = await setup({
      batchMaxEvents: 1,
      commitMaxDelayMs: 0,
      concurrency: 1,
    });
    const held = holdRecords(log, ['S1']);
    send('S1', 1);
    send('S3', 1);
    await until(() => log.recordCalls === 1);
    let drained = false;
    const drain = worker.drain(500).then(() => (drained = true));
    await jest.advanceTimersByTimeAsync(600);
    // the record in flight completes after the abandonment: still not acknowledged
    held.get('S1')!.resolve();
    await until(() => drained);
    await drain;
    await jest.advanceTimersByTimeAsync(1000);
    expect(acks).toEqual([]);
    expect(log.keys()).toEqual(['S1|1']); // S3 was applied but never recorded
    expect(logged).toEqual([]); // an abandoned batch is not an error
  });

  it('abandons a record that keeps failing once the grace is over', async () => {
    const { worker, send, acks, log, logged } = await setup({ batchMaxEvents: 1 });
    log.failNext = Infinity;
    send('S1', 1);
    await until(() => log.recordCalls >= 1);
    let drained = false;
    void worker.drain(300).then(() => (drained = true));
    await jest.advanceTimersByTimeAsync(299);
    expect(drained).toBe(false);
    await until(() => drained, 50);
    expect(acks).toEqual([]);
    expect(logged[0]).toMatch(/^store unavailable \(attempt 1\)/);
  });
});

describe('IngestWorker: progress', () => {
  it('reports stages running past the limit and the age of the oldest unacked message', async () => {
    const { worker, send, acks, live } = await setup({ batchMaxEvents: 1 });
    const hold = new Deferred();
    live.beforeApply = () => hold.promise;
    send('S1', 1);
    await jest.advanceTimersByTimeAsync(2000);
    send('S2', 1);
    expect(worker.progress(Date.now(), 1000)).toEqual({ stuck: 1, oldestMs: 2000 });
    expect(worker.progress(Date.now(), 5000)).toEqual({ stuck: 0, oldestMs: 2000 });

    live.beforeApply = undefined;
    hold.resolve();
    await until(() => acks.length === 2);
    expect(worker.progress(Date.now(), 1000)).toEqual({ stuck: 0, oldestMs: 0 });
  });
});
