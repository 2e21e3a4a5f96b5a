import { parseSensorMessage, validateEvent } from './event-parser';
import { parseEventTs } from './event-timestamp';

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
});
