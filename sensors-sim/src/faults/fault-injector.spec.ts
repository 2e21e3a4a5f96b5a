import { parseSensorMessage, validateEvent } from '@app/domain';
import { generateCity } from '../city/city-generator';
import type { Delivery } from '../stream/delivery';
import { EventStream } from '../stream/event-stream';
import { DEFAULT_FAULTS, NO_FAULTS, type FaultOptions } from './fault-options';

const { city } = generateCity({ spaces: 2000, seed: 'fault-spec', gatewaySize: 100 });
const START = Date.parse('2026-11-30T07:00:00+08:00');
const HOUR = 3_600_000;
const RATES: FaultOptions = {
  repeat: 0.08,
  dual: 0.4,
  reorder: 0.04,
  loss: 0.03,
  flap: 0.2,
  skewShare: 0.2,
  maxSkewS: 90,
  invalid: 0.02,
  outagesPerGatewayDay: 6,
  outageMeanMin: 8,
};

function run(faults: FaultOptions): { stream: EventStream; list: Delivery[] } {
  const stream = new EventStream(city, { seed: 'f', startMs: START, durationMs: 4 * HOUR, faults });
  return { stream, list: [...stream] };
}

const within = (actual: number, expected: number, relative = 0.15) => {
  expect(actual).toBeGreaterThan(expected * (1 - relative));
  expect(actual).toBeLessThan(expected * (1 + relative));
};

describe('FaultInjector', () => {
  const { stream, list } = run(RATES);
  const valid = list.filter((d) => d.event !== null && d.tag !== 'sync');
  const key = (d: Delivery) => `${d.sensor}/${d.ordinal}`;
  const uplinks = new Map<string, Delivery[]>();
  for (const d of valid) uplinks.set(key(d), [...(uplinks.get(key(d)) ?? []), d]);
  const maxOrdinal = new Map<number, number>();
  for (const d of list)
    if (d.sensor >= 0) maxOrdinal.set(d.sensor, Math.max(maxOrdinal.get(d.sensor) ?? 0, d.ordinal));
  const total = [...maxOrdinal.values()].reduce((a, b) => a + b, 0) - city.sensors.length; // minus the sync uplinks

  it('without faults delivers every uplink exactly once, through its first gateway, in order', () => {
    const clean = run(NO_FAULTS).list;
    const seen = new Set<string>();
    const problems = clean.filter((d) => {
      const dup = seen.has(key(d));
      seen.add(key(d));
      return dup || d.rejection !== null || d.gatewayId !== city.sensors[d.sensor].gatewayIds[0];
    });
    expect(problems).toEqual([]);
    const bySensor = new Map<number, number>();
    const late = clean.filter((d) => {
      const before = bySensor.get(d.sensor) ?? 0;
      bySensor.set(d.sensor, d.ordinal);
      return d.ordinal !== before + 1;
    });
    expect(late).toEqual([]);
  });

  it('loses uplinks at the configured rate (seen as seq gaps), never a startup', () => {
    within(1 - uplinks.size / total, RATES.loss, 0.15);
    const firsts = [...uplinks.values()].map((c) => c[0].event!);
    expect(firsts.filter((e) => e.type === 'startup').length).toBeGreaterThan(
      city.sensors.length * 0.95,
    );
  });

  it('repeats uplinks through the same gateway and through the second gateway at the configured rates', () => {
    let repeats = 0;
    let dualEligible = 0;
    let dual = 0;
    for (const copies of uplinks.values()) {
      const s = city.sensors[copies[0].sensor];
      const viaFirst = copies.filter((c) => c.gatewayId === s.gatewayIds[0]).length;
      if (viaFirst > 1) repeats++;
      if (s.gatewayIds.length === 2) {
        dualEligible++;
        if (copies.some((c) => c.gatewayId === s.gatewayIds[1])) dual++;
      }
    }
    within(repeats / uplinks.size, RATES.repeat, 0.15);
    within(dual / dualEligible, RATES.dual, 0.1);
  });

  it('reorders uplinks at the configured rate: delivered after a newer uplink of the same sensor', () => {
    const newest = new Map<number, number>();
    let overtaken = 0;
    const first = new Set<string>();
    for (const d of valid) {
      if (first.has(key(d))) continue;
      first.add(key(d));
      if ((newest.get(d.sensor) ?? 0) > d.ordinal) overtaken++;
      newest.set(d.sensor, Math.max(newest.get(d.sensor) ?? 0, d.ordinal));
    }
    // Outage replays also arrive late, so the measured share sits a little above the reorder rate.
    const replayed = valid.filter((d) => d.tag === 'replay').length / uplinks.size;
    expect(overtaken / uplinks.size).toBeGreaterThan(RATES.reorder * 0.85);
    expect(overtaken / uplinks.size).toBeLessThan(RATES.reorder * 1.15 + replayed);
  });

  it('skews the clocks of the configured share of sensors, within the bound', () => {
    const skews = new Map<number, number>();
    for (const d of valid) {
      if (d.tag !== null) continue;
      const ts = typeof d.event!.ts === 'number' ? d.event!.ts : Date.parse(d.event!.ts);
      skews.set(d.sensor, ts - d.atMs);
    }
    const skewed = [...skews.values()].filter((s) => s !== 0);
    within(skewed.length / skews.size, RATES.skewShare, 0.2);
    expect(Math.max(...skewed.map(Math.abs))).toBeLessThanOrEqual(RATES.maxSkewS * 1000);
  });

  it('flaps at the configured share of state changes: quick toggles that settle on the true state', () => {
    const changes = [...uplinks.values()].filter((c) => c[0].event!.type === 'status');
    const flapping = changes.filter((c) => c[0].tag === 'flap' || c.some((x) => x.tag === 'flap'));
    // A flapping change emits 3 or 5 status uplinks instead of 1.
    const bursts = flapping.length / 4;
    within(bursts / (changes.length - flapping.length + bursts), RATES.flap, 0.2);
  });

  it('takes gateways offline and replays their backlog, in order, when they come back', () => {
    const plan = stream.faults.outages.flat();
    expect(plan.length).toBeGreaterThan(10);
    const during = list.filter((d) =>
      plan.some(
        (o) => city.gateways[o.gateway].id === d.gatewayId && o.fromMs < d.atMs && d.atMs < o.toMs,
      ),
    );
    expect(during).toEqual([]);
    const replays = list.filter((d) => d.tag === 'replay');
    expect(replays.length).toBeGreaterThan(100);
    const ends = new Set(plan.map((o) => `${city.gateways[o.gateway].id}@${o.toMs}`));
    expect(replays.filter((d) => !ends.has(`${d.gatewayId}@${d.atMs}`))).toEqual([]);
  });

  it('sends invalid messages at the configured rate, each rejected by the contract for the expected reason', () => {
    const invalid = list.filter((d) => d.rejection !== null);
    within(invalid.length / total, RATES.invalid, 0.2);
    const sensors = new Map(city.sensors.map((s) => [s.id, s]));
    const wrong: string[] = [];
    const reasons = new Map<string, number>();
    for (const d of invalid) {
      reasons.set(d.rejection!, (reasons.get(d.rejection!) ?? 0) + 1);
      const parsed = parseSensorMessage(d.raw!, Buffer.byteLength(d.raw!), d.atMs);
      let got: string | undefined = parsed.rejections[0]?.reason;
      if (got === undefined && parsed.events.length === 1) {
        const s = sensors.get(parsed.events[0].sensorId);
        got = !s
          ? 'unknown_sensor'
          : !s.gatewayIds.includes(d.gatewayId)
            ? 'wrong_gateway'
            : 'accepted';
      }
      if (got !== d.rejection) wrong.push(`${d.rejection} answered ${got}: ${d.raw!.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
    expect([...reasons.keys()].sort()).toEqual([
      'malformed_json',
      'oversized',
      'schema',
      'too_many_events',
      'ts_future',
      'ts_too_old',
      'unknown_sensor',
      'wrong_gateway',
    ]);
  });

  it('keeps every valid copy valid under the contract', () => {
    expect(valid.filter((d) => 'reason' in validateEvent(d.event, 0, d.atMs))).toEqual([]);
  });

  it('uses sensible defaults', () => {
    expect(DEFAULT_FAULTS.maxSkewS * 1000).toBeLessThan(10 * 60 * 1000);
    expect(Object.values(NO_FAULTS).filter((v) => v !== 0)).toEqual([NO_FAULTS.outageMeanMin]);
  });
});
