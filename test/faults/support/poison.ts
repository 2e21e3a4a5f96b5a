import { ExpectedRejection } from './verify';

/** One poison uplink: the raw event text and what ingest must make of it. */
export interface Poison {
  name: string;
  /** The sensor it claims to be from (a real one unless the id itself is the poison). */
  sensorId: string;
  raw: string;
  /** The rejection it must produce, or null when it is valid and must be recorded. */
  rejection: ExpectedRejection | null;
}

const event = (sensorId: string, seq: number, ts: number, more: string) =>
  `{"sensorId":"${sensorId}","seq":${seq},"type":"status","occupied":true,"ts":${ts}${more}}`;

/**
 * The poison of issue 12, each for its own real sensor (`sensors[i]`) at `seq`: a NUL in the
 * sensorId, an unknown field nested 20,000 deep, an unpaired surrogate in an unknown field, an
 * rssi beyond PostgreSQL's real, and a `__proto__` extra key (valid: recorded in `extra`).
 */
export function poisons(sensors: string[], seq: number, ts: number): Poison[] {
  const [nul, deep, surrogate, rssi, proto] = sensors;
  return [
    {
      name: 'NUL in sensorId',
      sensorId: nul,
      raw: event(`${nul}\\u0000x`, seq, ts, ''),
      // a sensorId outside [A-Za-z0-9._:-] is a schema violation; its text is not stored
      rejection: { reason: 'schema' },
    },
    {
      name: 'unknown field nested 20,000 deep',
      sensorId: deep,
      raw: event(deep, seq, ts, `,"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}`),
      rejection: { reason: 'extra_too_large', sensorId: deep },
    },
    {
      name: 'unpaired surrogate in an unknown field',
      sensorId: surrogate,
      raw: event(surrogate, seq, ts, ',"note":"\\ud800x"'),
      rejection: { reason: 'invalid_text', sensorId: surrogate },
    },
    {
      name: 'rssi 1e300',
      sensorId: rssi,
      raw: event(rssi, seq, ts, ',"rssi":1e300'),
      rejection: { reason: 'schema', sensorId: rssi },
    },
    {
      name: '__proto__ extra key',
      sensorId: proto,
      raw: event(proto, seq, ts, ',"__proto__":{"polluted":true}'),
      rejection: null,
    },
  ];
}
