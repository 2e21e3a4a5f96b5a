import { generateCity } from '../city/city-generator';
import { EventStream } from '../stream/event-stream';
import { GroundTruth } from './ground-truth';

const { city } = generateCity({ spaces: 600, seed: 'truth-spec', gatewaySize: 60 });
const START = Date.parse('2026-11-30T17:00:00+08:00');
const faults = { invalid: 0.02, loss: 0.05, reorder: 0.05, outagesPerGatewayDay: 12 };

describe('GroundTruth', () => {
  it('records the newest uplink sent per sensor, the copies sent and the invalid messages by reason', () => {
    const stream = new EventStream(city, {
      seed: 't',
      startMs: START,
      durationMs: 2 * 3_600_000,
      faults,
    });
    const truth = new GroundTruth(stream);
    const all = [...stream];
    all.forEach((d) => truth.observe(d));
    const report = truth.report();
    expect(report.sensors).toHaveLength(600);
    const invalid = all.filter((d) => d.rejection !== null).length;
    expect(Object.values(report.expectedRejections).reduce((a, b) => a + b, 0)).toBe(invalid);
    expect(report.invalidSent.map((x) => x.reason)).toEqual(
      all.filter((d) => d.rejection !== null).map((d) => d.rejection),
    );
    expect(report.invalidSent.every((x) => x.head.length > 0 && x.head.length <= 256)).toBe(true);
    expect(report.totals).toEqual({
      deliveries: all.length,
      validEvents: all.length - invalid,
      invalidMessages: invalid,
    });
    expect(report.sensors.reduce((a, s) => a + s.eventsSent, 0)).toBe(all.length - invalid);
    const newest = new Map<number, (typeof all)[number]>();
    for (const d of all)
      if (d.sensor >= 0 && d.ordinal > (newest.get(d.sensor)?.ordinal ?? 0))
        newest.set(d.sensor, d);
    const mismatched = report.sensors.filter(
      (s, i) => s.lastEvent !== newest.get(i)?.event || s.lastEvent?.occupied !== s.occupied,
    );
    expect(mismatched).toEqual([]);
  });

  it('reports the physical state even when the closing sync is off', () => {
    const stream = new EventStream(city, {
      seed: 't',
      startMs: START,
      durationMs: 3_600_000,
      finalSync: false,
      faults: { loss: 0.3 },
    });
    const truth = new GroundTruth(stream);
    for (const d of stream) truth.observe(d);
    const { sensors } = truth.report();
    expect(sensors.some((s) => s.lastEvent !== null && s.lastEvent.occupied !== s.occupied)).toBe(
      true,
    );
  });

  it('counts uplinks first delivered before (or just after) their boot startup, once each', () => {
    const stream = new EventStream(city, { seed: 't', startMs: START, durationMs: 60_000 });
    const truth = new GroundTruth(stream, { bootRaceMs: 1000 });
    const ev = (type: 'startup' | 'status', seq: number) =>
      ({ sensorId: 'X', seq, type, occupied: true, ts: '' }) as never;
    const d = (ordinal: number, atMs: number, type: 'startup' | 'status', seq: number) =>
      truth.observe({
        atMs,
        gatewayId: 'G',
        sensor: 0,
        ordinal,
        event: ev(type, seq),
        raw: null,
        rejection: null,
        tag: null,
      });
    d(1, 100, 'status', 7); // before any startup: the first boot, no race
    d(3, 200, 'status', 1); // boot of ordinal 2, delivered before its startup: a race
    d(3, 250, 'status', 1); // a copy: counted once
    d(2, 300, 'startup', 0);
    d(4, 900, 'status', 2); // 600 ms after its startup: inside the slack
    d(5, 5000, 'status', 3); // well after: no race
    expect(truth.report().bootRaces).toBe(2);
    expect(new GroundTruth(stream).report().bootRaces).toBe(0);
  });
});
