import { MAX_EXTRA_BYTES, MAX_EXTRA_DEPTH } from './event-extra';
import { parseSensorMessage, validateEvent } from './event-parser';
import { MAX_MESSAGE_BYTES } from './sensor-event';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const ok = { sensorId: 'S-1', seq: 1, type: 'status', occupied: true, ts: NOW - 1000 };
const parse = (s: string) => parseSensorMessage(s, s.length, NOW);

/** `{"x": [[...[leaf]...]]}` with the leaf at `depth` levels below the event. */
function nested(depth: number, leaf: string): string {
  return `${JSON.stringify(ok).slice(0, -1)},"x":${'['.repeat(depth - 1)}${leaf}${']'.repeat(depth - 1)}}`;
}

describe('unknown fields: storable text at any depth, bounded depth and size', () => {
  it('refuses NUL or an unpaired surrogate in a value or a key, at any depth', () => {
    for (const extra of [
      { note: 'a\u0000b' },
      { note: 'a\uD800' },
      { note: '\uDC00' },
      { 'k\u0000': 1 },
      { list: [1, { deep: ['x', { ['\uDBFF']: true }] }] },
    ]) {
      expect(validateEvent({ ...ok, ...extra }, 3, NOW)).toEqual({
        reason: 'invalid_text',
        detail: expect.stringContaining('U+0000'),
        index: 3,
        sensorId: 'S-1',
      });
    }
    const fine = validateEvent({ ...ok, note: 'é 😀 \uD83D\uDE00' }, 0, NOW);
    expect(fine).not.toHaveProperty('reason');
  });

  it(`allows content ${MAX_EXTRA_DEPTH} levels below the event, not one more`, () => {
    expect(parse(nested(MAX_EXTRA_DEPTH, '1')).events).toHaveLength(1);
    expect(parse(nested(MAX_EXTRA_DEPTH, '{}')).events).toHaveLength(1);
    expect(parse(nested(MAX_EXTRA_DEPTH - 1, '{"a":1}')).events).toHaveLength(1);
    expect(parse(nested(MAX_EXTRA_DEPTH, '{"a":1}')).rejections[0]).toMatchObject({
      reason: 'extra_too_large',
      index: 0,
      sensorId: 'S-1',
    });
    expect(parse(nested(MAX_EXTRA_DEPTH + 1, '1')).rejections[0].reason).toBe('extra_too_large');
  });

  it(`allows ${MAX_EXTRA_BYTES} bytes of JSON in the unknown fields, counted in UTF-8`, () => {
    const pad = MAX_EXTRA_BYTES - '{"p":""}'.length;
    expect(validateEvent({ ...ok, p: 'x'.repeat(pad) }, 0, NOW)).not.toHaveProperty('reason');
    expect(validateEvent({ ...ok, p: 'x'.repeat(pad + 1) }, 0, NOW)).toMatchObject({
      reason: 'extra_too_large',
    });
    const twoByte = 'é'.repeat(pad / 2);
    expect(validateEvent({ ...ok, p: twoByte }, 0, NOW)).not.toHaveProperty('reason');
    expect(validateEvent({ ...ok, p: `${twoByte}é` }, 0, NOW)).toMatchObject({
      reason: 'extra_too_large',
    });
    const pairs = '😀'.repeat(pad / 4);
    expect(validateEvent({ ...ok, p: pairs }, 0, NOW)).not.toHaveProperty('reason');
    expect(validateEvent({ ...ok, p: `${pairs}😀` }, 0, NOW)).toMatchObject({
      reason: 'extra_too_large',
    });
  });

  it('checks in order: schema, then text, then extra limits, then the ts window', () => {
    const deep = JSON.parse(nested(20, '"\\u0000"')) as Record<string, unknown>;
    expect(validateEvent({ ...deep, seq: -1 }, 0, NOW)).toMatchObject({ reason: 'schema' });
    expect(validateEvent(deep, 0, NOW)).toMatchObject({ reason: 'invalid_text' });
    const tooDeep = JSON.parse(nested(20, '1')) as Record<string, unknown>;
    expect(validateEvent({ ...tooDeep, ts: NOW + 3_600_000 }, 0, NOW)).toMatchObject({
      reason: 'extra_too_large',
    });
    expect(validateEvent({ ...ok, p: '\u0000', ts: NOW + 3_600_000 }, 0, NOW)).toMatchObject({
      reason: 'invalid_text',
    });
  });

  it('refuses 20,000 and 100,000 levels of nesting without overflowing the stack', () => {
    for (const depth of [20_000, 100_000]) {
      for (const [leaf, reason] of [
        ['1', 'extra_too_large'],
        ['"\\u0000"', 'invalid_text'],
      ]) {
        const payload = nested(depth, leaf);
        expect(payload.length).toBeLessThan(MAX_MESSAGE_BYTES);
        // Should this V8 ever give up parsing that deep, the message is refused, never thrown.
        const parses = (() => {
          try {
            return JSON.parse(payload) !== null;
          } catch {
            return false;
          }
        })();
        const r = parse(payload);
        expect(r.events).toEqual([]);
        expect(r.rejections).toHaveLength(1);
        expect(r.rejections[0].reason).toBe(parses ? reason : 'malformed_json');
      }
    }
    const batch = `{"events":[${nested(20_000, '1')},${JSON.stringify(ok)}]}`;
    const r = parse(batch);
    expect(r.events.map((e) => e.index)).toEqual([1]);
    expect(r.rejections).toMatchObject([{ reason: 'extra_too_large', index: 0, sensorId: 'S-1' }]);
    const bare = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parse(bare).rejections[0].reason).toMatch(/^(schema|malformed_json)$/);
  });

  it('keeps __proto__, constructor and prototype as ordinary unknown fields', () => {
    const payload = `${JSON.stringify(ok).slice(0, -1)},"__proto__":{"polluted":true},"constructor":1,"prototype":[2]}`;
    const [ev] = parse(payload).events;
    expect(Object.keys(ev.extra!)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(JSON.parse(JSON.stringify(ev.extra))).toEqual(
      JSON.parse('{"__proto__":{"polluted":true},"constructor":1,"prototype":[2]}'),
    );
    expect(JSON.stringify(ev.extra)).toContain('"__proto__":{"polluted":true}');
    expect((ev.extra as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
