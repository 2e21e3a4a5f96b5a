import { StoreUnavailableError } from './store-errors';
import { fakeIngest, sensorMessage as msg } from './testing';

async function failures(metrics: ReturnType<typeof fakeIngest>['metrics']) {
  const { values } = await metrics.recordFailures.get();
  return Object.fromEntries(values.map((v) => [`${v.labels.stage}/${v.labels.cause}`, v.value]));
}

describe('IngestService: the live state confirmed before the ack', () => {
  it('records a batch once when its lots kept their rebuild epoch', async () => {
    const { live, log, service } = fakeIngest();
    await service.ingest([msg('S1', 1, false)]);
    const calls = log.recordCalls;
    const applied = await service.apply([msg('S1', 2)]);
    await service.commit(applied);
    expect(log.recordCalls).toBe(calls + 1);
    expect(live.space('P1')).toMatchObject({ seq: 2, occupied: true });
  });

  it('re-applies a batch whose lot was rebuilt between its apply and its record', async () => {
    const { live, log, rebuilder, service } = fakeIngest();
    await service.ingest([msg('S1', 1, false)]);
    const applied = await service.apply([msg('S1', 2), msg('S3', 1)]);
    const before = live.marker('L1');
    // another worker's forced rebuild: the batch is not in history yet, so the lot loses it
    await rebuilder.rebuild(true);
    expect(live.marker('L1')).not.toBe(before);
    expect(live.space('P1')).toMatchObject({ seq: 1, occupied: false });
    expect(live.space('P3')).toBeUndefined();
    const calls = log.recordCalls;

    const results = await service.commit(applied);

    expect(results.map((r) => r.accepted)).toEqual([1, 1]);
    expect(live.space('P1')).toMatchObject({ seq: 2, occupied: true });
    expect(live.space('P3')).toMatchObject({ seq: 1, occupied: true });
    // the batch, then the durable copy of the re-applied records
    expect(log.recordCalls).toBe(calls + 2);
    expect(log.states.get('P1')).toMatchObject({ seq: 2, ver: live.space('P1')?.ver });
    expect(log.keys().sort()).toEqual(['S1|1', 'S1|2', 'S3|1']);
    expect(live.deadline('P1')).toBe(live.space('P1')!.lastSeen + 600_000);
  });

  it('after a Redis restart between apply and record, the ack waits for the reload', async () => {
    const { live, log, service } = fakeIngest();
    await service.ingest([msg('S1', 1, false)]);
    const applied = await service.apply([msg('S1', 2)]);
    live.lose();
    const [r] = await service.commit(applied);
    expect(r.accepted).toBe(1);
    expect(live.marker('L1')).toBeDefined();
    expect(live.space('P1')).toMatchObject({ seq: 2, occupied: true });
    expect(log.states.get('P1')).toMatchObject({ seq: 2 });
  });
});

describe('IngestService: lots the live store does not hold', () => {
  it('rebuilds them from the durable records, then applies the batch on top', async () => {
    const { live, log, service } = fakeIngest();
    await service.ingest([msg('S1', 5, false)]);
    const ver = live.space('P1')!.ver;
    live.lose();
    const resets = live.calls.resets;

    const [dup, next] = await service.ingest([msg('S1', 5, false), msg('S1', 6)]);

    // the rebuild ran before the apply: seq 5 is known again, so it is a duplicate
    expect(dup).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(next).toMatchObject({ accepted: 1 });
    expect(live.calls.rebuilds.at(-1)).toEqual({ lots: ['L1', 'L2'], force: false });
    expect(live.calls.resets).toBe(resets + 1);
    expect(live.space('P1')).toMatchObject({ seq: 6, occupied: true, ver: ver + 1 });
    expect(log.keys().sort()).toEqual(['S1|5', 'S1|6']);
  });

  it('leaves loaded lots as they are when another lot is rebuilt', async () => {
    const { live, service } = fakeIngest();
    await service.ingest([msg('S1', 1), msg('S3', 1)]);
    const l2 = live.marker('L2');
    await live.invalidateLots(['L1']);
    await service.ingest([msg('S1', 2), msg('S3', 2)]);
    expect(live.marker('L2')).toBe(l2);
    expect(live.space('P1')).toMatchObject({ seq: 2 });
    expect(live.space('P3')).toMatchObject({ seq: 2 });
  });
});

describe('IngestService: transient store failures', () => {
  it('retries them and counts each failed attempt by stage and cause', async () => {
    const { live, log, metrics, service } = fakeIngest();
    await service.ingest([msg('S1', 1)]);
    live.failApply = 2;
    live.failKind = 'timeout';
    log.failNext = 1;
    const seen: number[] = [];

    const [r] = await service.ingest([msg('S1', 2)], {
      onError: (_e, attempt) => seen.push(attempt),
    });

    expect(r.accepted).toBe(1);
    expect(await failures(metrics)).toEqual({ 'redis/timeout': 2, 'postgres/unavailable': 1 });
    expect(seen).toEqual([1, 2, 1]);
    expect(live.space('P1')).toMatchObject({ seq: 2 });
    expect(log.keys().sort()).toEqual(['S1|1', 'S1|2']);
  });

  it('gives up after maxAttempts with the live state unchanged', async () => {
    const { live, metrics, service } = fakeIngest();
    await service.ingest([msg('S1', 1, false)]);
    live.failApply = 5;
    await expect(service.ingest([msg('S1', 2)], { maxAttempts: 3 })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(await failures(metrics)).toEqual({ 'redis/unavailable': 3 });
    expect(live.space('P1')).toMatchObject({ seq: 1, occupied: false });
  });

  it('stops retrying when its signal aborts', async () => {
    const { log, service } = fakeIngest();
    await service.ingest([msg('S1', 1)]);
    log.failNext = Infinity;
    const abort = new AbortController();
    const applied = await service.apply([msg('S1', 2)]);
    const done = service.commit(applied, { signal: abort.signal });
    await new Promise((r) => setTimeout(r, 30));
    abort.abort();
    await expect(done).rejects.toThrow('aborted');
    expect(log.keys()).toEqual(['S1|1']);
  });
});
