import { z } from 'zod';
import { MAX_EVENTS_PER_MESSAGE, SEQ_MODULUS } from './sensor-event';

/**
 * The sensor event contract v1 as a zod schema: the machine-readable description published in
 * docs/asyncapi.json (MQTT) and the OpenAPI document (HTTP fallback body). The ingest does not
 * use it per event (event-parser.ts is the hand-written fast path); test/contracts keeps the two
 * in agreement. Not expressible here, checked by the parser only: the +10 min / -7 days window
 * on `ts`, PostgreSQL-storable text and numbers, the size of unknown fields, 256 KiB per message.
 */
const RFC3339_WITH_OFFSET =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt ]([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d{1,9})?([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)$';

export const sensorEventSchema = z
  .looseObject({
    sensorId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/)
      .describe('1..64 chars of [A-Za-z0-9._:-]'),
    seq: z
      .int()
      .min(0)
      .max(SEQ_MODULUS - 1)
      .describe('+1 per uplink of the sensor (heartbeats included), wraps to 0 (RFC 1982)'),
    type: z
      .enum(['status', 'heartbeat', 'startup'])
      .describe('status: state changed; heartbeat: periodic; startup: sensor rebooted'),
    occupied: z.boolean(),
    ts: z
      .union([
        z.string().regex(new RegExp(RFC3339_WITH_OFFSET)).meta({ format: 'date-time' }),
        z.int().min(0).max(Number.MAX_SAFE_INTEGER),
      ])
      .describe('observation time: RFC 3339 with offset, or epoch milliseconds'),
    batteryMv: z.int().min(0).max(10000).optional(),
    temperatureC: z.number().min(-60).max(100).optional(),
    rssi: z.number().optional(),
  })
  .describe('One sensor event; unknown extra fields are kept in the raw record');

export const sensorMessageSchema = z.union([
  sensorEventSchema,
  z.object({ events: z.array(sensorEventSchema).min(1).max(MAX_EVENTS_PER_MESSAGE) }),
]);

export const SENSOR_EVENT_EXAMPLE = {
  sensorId: 'sn-0001',
  seq: 42,
  type: 'status',
  occupied: true,
  ts: '2026-03-02T08:15:00+08:00',
  batteryMv: 3600,
} as const;
