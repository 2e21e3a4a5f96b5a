import fc from 'fast-check';
import { MAX_EXTRA_BYTES, MAX_EXTRA_DEPTH } from './event-extra';
import { parseSensorMessage, validateEvent } from './event-parser';
import { REJECT_REASONS } from './event-rejection';
import { parseEventTs } from './event-timestamp';
import { isPgText } from './pg-text';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const ok = { sensorId: 'S-1.a:b_c', seq: 1, type: 'status', occupied: true, ts: NOW - 1000 };
const parse = (body: unknown) => {
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  return parseSensorMessage(s, Buffer.byteLength(s), NOW);
};

describe('sensor message parsing and validation', () => {
  it('accepts a single event and a batch, keeping unknown fields as extra', () => {
    const one = parse({ ...ok, firmware: '1.2' });
    expect(one.events).toEqual([{ ...ok, index: 0, extra: { firmware: '1.2' } }]);
    const many = parse({ events: [ok, { ...ok, seq: 2 }] });
    expect(many.events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('parses RFC 3339 with offset and epoch ms, nothing else', () => {
    expect(parseEventTs('2026-11-29T20:00:00+08:00')).toBe(NOW);
    expect(parseEventTs('2026-11-29T12:00:00.5Z')).toBe(NOW + 500);
    expect(parseEventTs(NOW)).toBe(NOW);
    expect(parseEventTs('2026-11-29T12:00:00')).toBeUndefined();
    expect(parseEventTs('2026-13-01T00:00:00Z')).toBeUndefined();
    expect(parseEventTs(1.5)).toBeUndefined();
    expect(parseEventTs(-1)).toBeUndefined();
  });

  it.each([
    [{ ...ok, sensorId: '' }, 'sensorId'],
    [{ ...ok, sensorId: 'x'.repeat(65) }, 'sensorId'],
    [{ ...ok, sensorId: 'a b' }, 'sensorId'],
    [{ ...ok, seq: 4294967296 }, 'seq'],
    [{ ...ok, seq: 1.5 }, 'seq'],
    [{ ...ok, type: 'boot' }, 'type'],
    [{ ...ok, occupied: 'yes' }, 'occupied'],
    [{ ...ok, occupied: undefined }, 'occupied'],
    [{ ...ok, ts: 'yesterday' }, 'ts'],
    [{ ...ok, batteryMv: 10001 }, 'batteryMv'],
    [{ ...ok, temperatureC: -61 }, 'temperatureC'],
    [{ ...ok, rssi: 'loud' }, 'rssi'],
  ])('refuses schema violations (%j)', (event, field) => {
    const r = validateEvent(event, 0, NOW);
    expect(r).toMatchObject({ reason: 'schema', index: 0 });
    expect((r as { detail: string }).detail).toContain(field);
  });

  it('refuses ts more than 10 minutes ahead or 7 days old', () => {
    expect(validateEvent({ ...ok, ts: NOW + 600_001 }, 0, NOW)).toMatchObject({
      reason: 'ts_future',
    });
    expect(validateEvent({ ...ok, ts: NOW + 600_000 }, 0, NOW)).not.toHaveProperty('reason');
    expect(validateEvent({ ...ok, ts: NOW - 7 * 86_400_000 - 1 }, 0, NOW)).toMatchObject({
      reason: 'ts_too_old',
    });
  });

  it('refuses whole messages: malformed, oversized, empty or too many events, not an object', () => {
    expect(parse('{"a":').rejections[0].reason).toBe('malformed_json');
    expect(parseSensorMessage('{}', 256 * 1024 + 1, NOW).rejections[0].reason).toBe('oversized');
    expect(parse({ events: [] }).rejections[0].reason).toBe('schema');
    expect(parse({ events: new Array(1001).fill(ok) }).rejections[0].reason).toBe(
      'too_many_events',
    );
    expect(parse({ events: new Array(1000).fill(ok) }).events).toHaveLength(1000);
    expect(parse([ok]).rejections[0].reason).toBe('schema');
    expect(parse('null').rejections[0].reason).toBe('schema');
  });

  it('keeps the good events of a mixed batch and refuses the bad ones one by one', () => {
    const r = parse({ events: [ok, { ...ok, seq: -1 }, 42, { ...ok, seq: 3 }] });
    expect(r.events.map((e) => e.index)).toEqual([0, 3]);
    expect(r.rejections.map((x) => x.index)).toEqual([1, 2]);
  });

  it('appends the new reject reasons after the existing ones', () => {
    expect(REJECT_REASONS).toEqual([
      'malformed_json',
      'oversized',
      'too_many_events',
      'schema',
      'unknown_sensor',
      'wrong_gateway',
      'ts_future',
      'ts_too_old',
      'invalid_text',
      'extra_too_large',
      'store_refused',
    ]);
  });

  it('refuses rssi and temperatureC a PostgreSQL real cannot hold', () => {
    for (const rssi of [3.5e38, -3.5e38, 1e-39, -1e-300, NaN, Infinity]) {
      expect(validateEvent({ ...ok, rssi }, 0, NOW)).toMatchObject({ reason: 'schema' });
    }
    for (const rssi of [0, -0, -97.5, 3.4e38, -1.2e-38]) {
      expect(validateEvent({ ...ok, rssi }, 0, NOW)).toMatchObject({ rssi });
    }
    expect(validateEvent({ ...ok, temperatureC: 1e-39 }, 0, NOW)).toMatchObject({
      reason: 'schema',
      detail: expect.stringContaining('temperatureC'),
    });
    expect(parse(`${JSON.stringify(ok).slice(0, -1)},"rssi":1e39}`).rejections[0]).toMatchObject({
      reason: 'schema',
      detail: expect.stringContaining('rssi'),
    });
  });

  it('never puts an invalid sensorId on a rejection, and a NUL sensorId or ts is schema', () => {
    const nul = validateEvent({ ...ok, sensorId: 'S-1\u0000' }, 4, NOW);
    expect(nul).toEqual({
      reason: 'schema',
      detail: expect.stringContaining('sensorId'),
      index: 4,
    });
    expect(validateEvent({ ...ok, sensorId: '\uD800' }, 0, NOW)).not.toHaveProperty('sensorId');
    expect(validateEvent({ ...ok, ts: '2026-11-29T12:00:00Z\u0000' }, 0, NOW)).toMatchObject({
      reason: 'schema',
      sensorId: ok.sensorId,
    });
    expect(validateEvent({ ...ok, seq: -1 }, 0, NOW)).toMatchObject({ sensorId: ok.sensorId });
  });

  it('gives malformed JSON a storable detail of at most 200 chars', () => {
    for (const payload of ['{"a":"\u0000', '\uD800{', '{"a":1,\uDC00}', `{"${'x'.repeat(500)}`]) {
      const [r] = parse(payload).rejections;
      expect(r.reason).toBe('malformed_json');
      expect(isPgText(r.detail)).toBe(true);
      expect(r.detail.length).toBeLessThanOrEqual(200);
    }
  });

  it('accepts only events whose text PostgreSQL stores and whose extra is bounded', () => {
    const unit = fc.oneof(
      fc.constantFrom('\u0000', '\uD800', '\uDC00', '\uD83D\uDE00', 'é', 'a'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const text = fc.string({ unit, maxLength: 6 });
    const value = fc.jsonValue({ maxDepth: MAX_EXTRA_DEPTH + 2, stringUnit: unit });
    const extras = fc.dictionary(text, value, { maxKeys: 4 });
    fc.assert(
      fc.property(extras, fc.boolean(), (extra, big) => {
        const body = { ...extra, ...ok, ...(big ? { pad: 'x'.repeat(MAX_EXTRA_BYTES) } : {}) };
        const r = parse(body);
        expect(r.events.length + r.rejections.length).toBe(1);
        for (const rj of r.rejections) expect(isPgText(rj.detail)).toBe(true);
        for (const ev of r.events) {
          const json = JSON.stringify(ev.extra ?? {});
          expect(isPgText(ev.sensorId) && isPgText(ev.type) && isPgText(json)).toBe(true);
          expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(MAX_EXTRA_BYTES);
          expect(depthOf(ev.extra)).toBeLessThanOrEqual(MAX_EXTRA_DEPTH);
          const strings: string[] = [];
          collect(ev.extra, strings);
          expect(strings.filter((x) => !isPgText(x))).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Levels below the event reached by an extra's content (its own keys are level 1). */
function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  const children = Object.values(v);
  return children.length === 0 ? 0 : 1 + Math.max(...children.map(depthOf));
}

function collect(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, c] of Object.entries(v)) {
      out.push(k);
      collect(c, out);
    }
  }
}
