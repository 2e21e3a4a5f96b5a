import { IngestMetrics } from './ingest.metrics';
import { IngestService } from './ingest.service';
import { LiveRebuilder } from './live-rebuilder';
import { SensorDirectory } from './sensor-directory';
import { FakeEventLog, FakeLiveWriter } from './testing';

const sensors = ['S1', 'S2', 'S3', 'S4'].map((sensorId, i) => ({
  sensorId,
  spaceId: `P${i + 1}`,
  lotId: i < 2 ? 'L1' : 'L2',
  zoneId: 'Z',
  staleMs: 600_000,
  lowBatteryMv: null,
  gateways: new Set(['G']),
}));

function setup() {
  const directory = new SensorDirectory(sensors);
  const live = new FakeLiveWriter();
  const log = new FakeEventLog();
  const rebuilder = new LiveRebuilder(log, live, directory);
  const service = new IngestService(directory, live, log, rebuilder, new IngestMetrics());
  return { live, log, service };
}
const now = Date.now();
const msg = (sensorId: string, seq: number, occupied = true) => ({
  gatewayId: 'G',
  receivedAt: now,
  payload: Buffer.from(JSON.stringify({ sensorId, seq, type: 'status', occupied, ts: now })),
});

describe('IngestService: a batch the history refuses for good', () => {
  it('rejects only the refusing event, records the others and rolls its lot back', async () => {
    const { live, log, service } = setup();
    await service.ingest([msg('S1', 1, false), msg('S3', 1, false)]);
    log.refuse.add('S1');
    const results = await service.ingest([msg('S1', 2), msg('S2', 1), msg('S3', 2), msg('S4', 1)]);

    expect(results[0]).toMatchObject({ accepted: 0, rejected: 1 });
    expect(results[0].events).toEqual([
      expect.objectContaining({ index: 0, status: 'rejected', reason: 'store_refused' }),
    ]);
    expect(results.slice(1).map((r) => r.accepted)).toEqual([1, 1, 1]);
    expect(log.rejections.map((r) => r.reason)).toEqual(['store_refused']);
    expect(log.keys().sort()).toEqual(['S1|1', 'S2|1', 'S3|1', 'S3|2', 'S4|1']);
    // the refused event is not in the live state: S1 is back at its recorded seq 1, free
    expect(live.space('P1')).toMatchObject({ seq: 1, occupied: false });
    expect(live.space('P2')).toMatchObject({ seq: 1, occupied: true });
    expect(live.space('P3')).toMatchObject({ seq: 2, occupied: true });
    // and the durable record of the refused sensor's space is not ahead of its history
    expect(log.states.get('P1')?.ver).toBe(live.space('P1')?.ver);
  });

  it('keeps the good events of a message with a refused one', async () => {
    const { log, service } = setup();
    log.refuse.add('S3');
    const body = {
      events: ['S1', 'S3', 'S4'].map((sensorId) => ({
        sensorId,
        seq: 1,
        type: 'status',
        occupied: true,
        ts: now,
      })),
    };
    const [r] = await service.ingest([
      { gatewayId: 'G', receivedAt: now, payload: Buffer.from(JSON.stringify(body)) },
    ]);
    expect(r).toMatchObject({ accepted: 2, rejected: 1 });
    expect(r.events.map((e) => e.status)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(log.rejections).toEqual([
      expect.objectContaining({ reason: 'store_refused', sensorId: 'S3', gatewayId: 'G' }),
    ]);
    expect(log.keys().sort()).toEqual(['S1|1', 'S4|1']);
  });

  it('never records a duplicate verdict again, and an unavailable history is retried', async () => {
    const { log, service } = setup();
    log.failNext = 2;
    const [first] = await service.ingest([msg('S1', 5)]);
    expect(first.accepted).toBe(1);
    const [again] = await service.ingest([msg('S1', 5)]);
    expect(again.duplicates).toBe(1);
    expect(log.recordCalls).toBe(4);
    expect(log.keys()).toEqual(['S1|5']);
  });

  it('leaves no live state ahead of history when the record gives up (HTTP)', async () => {
    const { live, log, service } = setup();
    await service.ingest([msg('S1', 1, false)]);
    log.failNext = 10;
    await expect(service.ingest([msg('S1', 2)], { maxAttempts: 2 })).rejects.toThrow(/unavailable/);
    log.failNext = 0;
    expect(live.space('P1')).toMatchObject({ seq: 1, occupied: false });
    const [retry] = await service.ingest([msg('S1', 2)]);
    expect(retry.accepted).toBe(1);
    expect(log.keys().sort()).toEqual(['S1|1', 'S1|2']);
  });
});
