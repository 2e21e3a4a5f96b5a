import { createHash } from 'node:crypto';
import { SEQ_MODULUS, validateEvent } from '@app/domain';
import { generateCity } from '../city/city-generator';
import { NO_FAULTS } from '../faults/fault-options';
import type { Delivery } from './delivery';
import { EventStream } from './event-stream';
import type { StreamInput } from './stream-options';

const { city } = generateCity({ spaces: 1000, seed: 'stream-spec', gatewaySize: 100 });
const START = Date.parse('2026-11-30T06:00:00+08:00');
const HOUR = 3_600_000;

function digest(stream: Iterable<Delivery>): { hash: string; count: number } {
  const h = createHash('sha256');
  let count = 0;
  for (const d of stream) {
    h.update(JSON.stringify(d));
    count++;
  }
  return { hash: h.digest('hex'), count };
}

const opts = (o: Partial<StreamInput> = {}): StreamInput => ({
  seed: 's1',
  startMs: START,
  durationMs: 3 * HOUR,
  ...o,
});

describe('EventStream', () => {
  const all = [...new EventStream(city, opts())];

  it('is a pure function of the city, seed and options', () => {
    expect(digest(new EventStream(city, opts()))).toEqual(digest(all));
    expect(digest(new EventStream(city, opts({ seed: 's2' }))).hash).not.toBe(digest(all).hash);
  });

  it('does not depend on how fast or when it is consumed', async () => {
    const stream = new EventStream(city, opts());
    const h = createHash('sha256');
    let count = 0;
    for (let d = stream.next(); d !== null; d = stream.next()) {
      h.update(JSON.stringify(d));
      if (++count % 5000 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect({ hash: h.digest('hex'), count }).toEqual(digest(all));
  });

  it('derives every ts from the simulated start, not the wall clock', () => {
    const maxSkew = 120_000;
    const outside = all.filter((d) => {
      if (!d.event) return false;
      const ts = typeof d.event.ts === 'number' ? d.event.ts : Date.parse(d.event.ts);
      return ts < START - maxSkew || ts > START + 3 * HOUR + maxSkew + 10_000;
    });
    expect(outside).toEqual([]);
    const shifted = [...new EventStream(city, opts({ startMs: START + 7 * 24 * HOUR }))];
    expect(shifted.length).toBeGreaterThan(0.9 * all.length);
    expect(shifted.length).toBeLessThan(1.1 * all.length);
    expect(shifted[0].atMs).toBeGreaterThanOrEqual(START + 7 * 24 * HOUR);
  });

  it('delivers in simulated-time order and every valid event passes the contract parser', () => {
    for (let k = 1; k < all.length; k++)
      expect(all[k].atMs).toBeGreaterThanOrEqual(all[k - 1].atMs);
    const bad = all.filter((d) => d.event && 'reason' in validateEvent(d.event, 0, d.atMs));
    expect(bad).toEqual([]);
    const formats = new Set(all.map((d) => typeof d.event?.ts));
    expect(formats).toEqual(new Set(['number', 'string', 'undefined']));
  });

  it('numbers uplinks +1 per sensor incl. heartbeats, wraps at 2^32 and restarts at 0 on startup', () => {
    const stream = new EventStream(
      city,
      opts({ seqWrapShare: 0.1, rebootsPerDay: 4, faults: NO_FAULTS }),
    );
    const bySensor = new Map<number, Delivery[]>();
    for (const d of stream) bySensor.set(d.sensor, [...(bySensor.get(d.sensor) ?? []), d]);
    let wraps = 0;
    let reboots = 0;
    const wrong: string[] = [];
    for (const list of bySensor.values()) {
      list.forEach((d, k) => d.ordinal !== k + 1 && wrong.push(`ordinal ${d.ordinal} at ${k}`));
      for (let k = 1; k < list.length; k++) {
        const e = list[k].event!;
        const expected = e.type === 'startup' ? 0 : (list[k - 1].event!.seq + 1) % SEQ_MODULUS;
        if (e.seq !== expected) wrong.push(`${e.sensorId}: seq ${e.seq}, expected ${expected}`);
        if (e.type === 'startup') reboots++;
        else if (e.seq === 0) wraps++;
      }
    }
    expect(wrong).toEqual([]);
    expect(wraps).toBeGreaterThan(50);
    expect(reboots).toBeGreaterThan(200);
  });

  it('sends heartbeats at the model interval with jitter, carrying the current state and battery', () => {
    const stream = new EventStream(city, opts({ faults: NO_FAULTS, rebootsPerDay: 0 }));
    const models = new Map(city.sensorModels.map((m) => [m.id, m.heartbeatIntervalS * 1000]));
    const interval = new Map(city.sensors.map((s, i) => [i, models.get(s.modelId)!]));
    const last = new Map<number, number>();
    const state = new Map<number, boolean>();
    let checked = 0;
    const wrong: string[] = [];
    for (const d of stream) {
      const e = d.event!;
      if (e.type === 'heartbeat' && d.tag !== 'sync') {
        if (!(e.batteryMv! > 2500)) wrong.push(`battery ${e.batteryMv}`);
        if (state.has(d.sensor) && e.occupied !== state.get(d.sensor)) wrong.push('stale state');
        const prev = last.get(d.sensor);
        if (prev !== undefined) {
          const ratio = (d.atMs - prev) / interval.get(d.sensor)!;
          if (ratio < 0.949 || ratio > 1.051) wrong.push(`interval ratio ${ratio}`);
          checked++;
        }
        last.set(d.sensor, d.atMs);
      }
      if (e.type === 'startup') last.set(d.sensor, d.atMs);
      state.set(d.sensor, e.occupied);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(5_000);
  });

  it('boots every sensor, then ends with one clean uplink per sensor that matches its true state', () => {
    const stream = new EventStream(city, opts());
    const list = [...stream];
    const firsts = new Map<number, Delivery>();
    const lastOrdinal = new Map<number, Delivery>();
    for (const d of list) {
      if (d.sensor < 0) continue;
      if (!firsts.has(d.sensor)) firsts.set(d.sensor, d);
      if ((lastOrdinal.get(d.sensor)?.ordinal ?? 0) < d.ordinal) lastOrdinal.set(d.sensor, d);
    }
    const startups = [...firsts.values()].filter((d) => d.event!.type === 'startup').length;
    expect(startups / city.sensors.length).toBeGreaterThan(0.97);
    expect(lastOrdinal.size).toBe(city.sensors.length);
    const wrong = [...lastOrdinal].filter(
      ([i, d]) => d.tag !== 'sync' || d.event!.occupied !== (stream.source.occupied[i] === 1),
    );
    expect(wrong).toEqual([]);
  });

  it('drains batteries and starts some sensors near their low-battery threshold', () => {
    const stream = new EventStream(city, opts({ lowBatteryShare: 0.2, faults: NO_FAULTS }));
    const low = new Map(city.sensorModels.map((m) => [m.id, m.lowBatteryMv]));
    const readings = new Map<number, number[]>();
    for (const d of stream) {
      if (d.event?.batteryMv !== undefined) {
        readings.set(d.sensor, [...(readings.get(d.sensor) ?? []), d.event.batteryMv]);
      }
    }
    let below = 0;
    let rising = 0;
    for (const [i, mv] of readings) {
      for (let k = 1; k < mv.length; k++) if (mv[k] > mv[k - 1]) rising++;
      if (mv[mv.length - 1] < low.get(city.sensors[i].modelId)!) below++;
    }
    expect(rising).toBe(0);
    expect(below / readings.size).toBeGreaterThan(0.05);
    expect(below / readings.size).toBeLessThan(0.2);
  });
});
