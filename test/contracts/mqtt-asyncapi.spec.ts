import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSensorMessage, sensorEventAsyncApi, SENSOR_TOPIC_PATTERN } from '@app/domain';

/* eslint-disable @typescript-eslint/no-explicit-any -- reads a JSON document */
const doc: any = JSON.parse(readFileSync(join(__dirname, '../../docs/asyncapi.json'), 'utf8'));
const payload = z.fromJSONSchema(doc.components.schemas.SensorMessage);
const NOW = Date.parse('2026-03-02T00:15:00Z');
const parse = (m: unknown) => {
  const s = JSON.stringify(m);
  return parseSensorMessage(s, Buffer.byteLength(s), NOW);
};
const ok = { sensorId: 'sn-0001', seq: 42, type: 'status', occupied: true, ts: NOW - 1000 };

/** docs/asyncapi.json: current, and in agreement with the parser the ingest runs. */
describe('MQTT event contract: docs/asyncapi.json', () => {
  it('is what sensor-event.schema.ts generates (npm run asyncapi)', () => {
    expect(doc).toEqual(sensorEventAsyncApi());
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.channels.gatewayEvents.address).toBe(SENSOR_TOPIC_PATTERN);
    expect(doc.operations.publishSensorEvents.bindings.mqtt.qos).toBe(1);
  });

  const valid: Array<[string, unknown]> = [
    ['one event', ok],
    ['RFC 3339 ts with offset', { ...ok, ts: '2026-03-02T08:14:00+08:00' }],
    ['every optional field', { ...ok, batteryMv: 3600, temperatureC: -12.5, rssi: -97 }],
    ['unknown extra fields', { ...ok, firmware: '1.2.3' }],
    ['seq at the wrap limit', { ...ok, seq: 4294967295, type: 'heartbeat' }],
    ['a batch', { events: [ok, { ...ok, sensorId: 'sn-0002', type: 'startup', occupied: false }] }],
    ...doc.components.messages.sensorEvents.examples.map(
      (e: { name: string; payload: unknown }): [string, unknown] => [
        `example: ${e.name}`,
        e.payload,
      ],
    ),
  ];
  it.each(valid)('accepts %s, as the parser does', (_name, m) => {
    expect(payload.safeParse(m).success).toBe(true);
    expect(parse(m).rejections).toEqual([]);
  });

  const invalid: Array<[string, unknown]> = [
    ['a missing sensorId', { ...ok, sensorId: undefined }],
    ['a sensorId with a space', { ...ok, sensorId: 'sn 1' }],
    ['a sensorId of 65 chars', { ...ok, sensorId: 'x'.repeat(65) }],
    ['a negative seq', { ...ok, seq: -1 }],
    ['a seq past 32 bits', { ...ok, seq: 4294967296 }],
    ['a fractional seq', { ...ok, seq: 1.5 }],
    ['an unknown type', { ...ok, type: 'reboot' }],
    ['occupied as a string', { ...ok, occupied: 'true' }],
    ['ts without an offset', { ...ok, ts: '2026-03-02T08:14:00' }],
    ['a negative epoch ts', { ...ok, ts: -5 }],
    ['batteryMv over 10000', { ...ok, batteryMv: 10001 }],
    ['temperatureC under -60', { ...ok, temperatureC: -61 }],
    ['an empty batch', { events: [] }],
    ['a batch with a bad event', { events: [{ ...ok, seq: 'one' }] }],
    ['an array body', [ok]],
  ];
  it.each(invalid)('refuses %s, as the parser does', (_name, m) => {
    expect(payload.safeParse(m).success).toBe(false);
    const r = parse(m);
    expect(r.events).toEqual([]);
    expect(r.rejections.map((x) => x.reason)).toContain('schema');
  });

  it('refuses a batch over 1000 events, as the parser does', () => {
    const m = { events: Array.from({ length: 1001 }, (_, i) => ({ ...ok, seq: i })) };
    expect(payload.safeParse(m).success).toBe(false);
    expect(parse(m).rejections).toEqual([
      { reason: 'too_many_events', detail: expect.any(String) },
    ]);
  });
});
