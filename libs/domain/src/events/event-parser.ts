import { checkExtra } from './event-extra';
import { EventRejection, MAX_AGE_MS, MAX_FUTURE_MS } from './event-rejection';
import { parseEventTs } from './event-timestamp';
import { SensorEvent } from './parsed-event';
import { isPgReal, MAX_DETAIL_CHARS, pgSafeText } from './pg-text';
import { MAX_EVENTS_PER_MESSAGE, MAX_MESSAGE_BYTES, SEQ_MODULUS } from './sensor-event';

export interface ParsedMessage {
  events: SensorEvent[];
  rejections: EventRejection[];
}

const SENSOR_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const KNOWN = new Set([
  'sensorId',
  'seq',
  'type',
  'occupied',
  'ts',
  'batteryMv',
  'temperatureC',
  'rssi',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalNumber(
  o: Record<string, unknown>,
  key: string,
  ok: (n: number) => boolean,
): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  return typeof v === 'number' && ok(v) ? undefined : `${key} out of range or not a number`;
}

/**
 * Hand-written check of one event object (fast path: no schema library per event). Order:
 * schema, storable text, size of the unknown fields, then the ts window.
 */
export function validateEvent(
  raw: unknown,
  index: number,
  receivedAt: number,
): SensorEvent | EventRejection {
  if (!isObject(raw)) return { reason: 'schema', detail: 'event is not an object', index };
  const sensorId = raw.sensorId;
  if (typeof sensorId !== 'string' || !SENSOR_ID.test(sensorId)) {
    return { reason: 'schema', detail: 'sensorId must be 1..64 chars of [A-Za-z0-9._:-]', index };
  }
  const bad = (detail: string): EventRejection => ({ reason: 'schema', detail, index, sensorId });
  const { seq, type, occupied } = raw;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq >= SEQ_MODULUS) {
    return bad('seq must be an integer 0..4294967295');
  }
  if (type !== 'status' && type !== 'heartbeat' && type !== 'startup') {
    return bad('type must be status, heartbeat or startup');
  }
  if (typeof occupied !== 'boolean') return bad('occupied must be a boolean');
  const ts = parseEventTs(raw.ts);
  if (ts === undefined) return bad('ts must be RFC 3339 with offset or epoch milliseconds');
  const problem =
    optionalNumber(raw, 'batteryMv', (n) => Number.isInteger(n) && n >= 0 && n <= 10000) ??
    optionalNumber(raw, 'temperatureC', (n) => n >= -60 && n <= 100 && isPgReal(n)) ??
    optionalNumber(raw, 'rssi', isPgReal);
  if (problem) return bad(problem);
  let extra: Record<string, unknown> | undefined;
  for (const k of Object.keys(raw)) {
    // A null prototype keeps `__proto__` an ordinary key instead of a prototype change.
    if (!KNOWN.has(k)) (extra ??= Object.create(null) as Record<string, unknown>)[k] = raw[k];
  }
  const extraProblem = extra && checkExtra(extra);
  if (extraProblem) return { ...extraProblem, index, sensorId };
  if (ts > receivedAt + MAX_FUTURE_MS) {
    return { reason: 'ts_future', detail: 'ts more than 10 minutes ahead', index, sensorId };
  }
  if (ts < receivedAt - MAX_AGE_MS) {
    return { reason: 'ts_too_old', detail: 'ts more than 7 days old', index, sensorId };
  }
  const event: SensorEvent = { sensorId, seq, type, occupied, ts, index };
  if (raw.batteryMv !== undefined) event.batteryMv = raw.batteryMv as number;
  if (raw.temperatureC !== undefined) event.temperatureC = raw.temperatureC as number;
  if (raw.rssi !== undefined) event.rssi = raw.rssi as number;
  if (extra) event.extra = extra;
  return event;
}

/**
 * Parses one gateway message (a single event or `{events: [...]}`): whole-message problems give
 * one rejection without index; each bad event is refused on its own and the good ones are kept.
 */
export function parseSensorMessage(
  payload: string,
  byteLength: number,
  receivedAt: number,
): ParsedMessage {
  if (byteLength > MAX_MESSAGE_BYTES) {
    return {
      events: [],
      rejections: [{ reason: 'oversized', detail: `${byteLength} bytes > ${MAX_MESSAGE_BYTES}` }],
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch (e) {
    // V8 quotes the payload in the message, NUL and lone surrogates included.
    const detail = pgSafeText(String((e as Error).message), MAX_DETAIL_CHARS);
    return { events: [], rejections: [{ reason: 'malformed_json', detail }] };
  }
  let list: unknown[];
  if (isObject(body) && 'events' in body) {
    if (!Array.isArray(body.events) || body.events.length === 0) {
      return { events: [], rejections: [{ reason: 'schema', detail: 'events must be 1..1000' }] };
    }
    if (body.events.length > MAX_EVENTS_PER_MESSAGE) {
      const detail = `${body.events.length} events > ${MAX_EVENTS_PER_MESSAGE}`;
      return { events: [], rejections: [{ reason: 'too_many_events', detail }] };
    }
    list = body.events;
  } else if (isObject(body)) {
    list = [body];
  } else {
    return { events: [], rejections: [{ reason: 'schema', detail: 'body must be an object' }] };
  }
  const out: ParsedMessage = { events: [], rejections: [] };
  for (let i = 0; i < list.length; i++) {
    const r = validateEvent(list[i], i, receivedAt);
    if ('reason' in r) out.rejections.push(r);
    else out.events.push(r);
  }
  return out;
}
