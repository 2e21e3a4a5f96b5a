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
});
