import { MAX_EVENTS_PER_MESSAGE, MAX_MESSAGE_BYTES, type SensorEventWire } from '@app/domain';
import type { Prng } from '../random/prng';
import type { Uplink } from '../stream/delivery';
import type { SimFleet } from '../stream/sim-fleet';
import type { TsFormatter } from '../stream/ts-formatter';
import type { ExpectedRejection } from './fault-options';

const DAY_MS = 86_400_000;

export interface InvalidMessage {
  gateway: number;
  raw: string;
  rejection: ExpectedRejection;
}

/** Relative weights: the two bulky whole-message defects are rarer. */
const WEIGHTS: [ExpectedRejection, number][] = [
  ['malformed_json', 4],
  ['schema', 4],
  ['unknown_sensor', 4],
  ['wrong_gateway', 4],
  ['ts_future', 4],
  ['ts_too_old', 4],
  ['too_many_events', 1],
  ['oversized', 1],
];
const TOTAL = WEIGHTS.reduce((a, [, w]) => a + w, 0);

function pickReason(rng: Prng): ExpectedRejection {
  let r = rng.next() * TOTAL;
  for (const [reason, w] of WEIGHTS) if ((r -= w) < 0) return reason;
  return 'schema';
}

/** Builds one invalid message derived from a real uplink, with exactly one defect. */
export function invalidMessage(
  rng: Prng,
  fleet: SimFleet,
  clock: TsFormatter,
  up: Uplink,
  ghost: number,
): InvalidMessage {
  let reason = pickReason(rng);
  const unbound = fleet.unboundGateway(up.sensor);
  if (reason === 'wrong_gateway' && unbound < 0) reason = 'unknown_sensor';
  const gateway = fleet.primary[up.sensor];
  const e = up.event;
  const json = (body: unknown): InvalidMessage => ({
    gateway,
    rejection: reason,
    raw: JSON.stringify(body),
  });
  switch (reason) {
    case 'malformed_json':
      return { gateway, rejection: reason, raw: malformed(rng, e) };
    case 'schema':
      return json(schemaViolation(rng, e));
    case 'unknown_sensor':
      return json({ ...e, sensorId: `SN-GHOST-${ghost}` });
    case 'wrong_gateway':
      return { gateway: unbound, rejection: reason, raw: JSON.stringify(e) };
    case 'ts_future':
      return json({ ...e, ts: clock.shifted(up.sensor, up.atMs, DAY_MS) });
    case 'ts_too_old':
      return json({ ...e, ts: clock.shifted(up.sensor, up.atMs, -8 * DAY_MS) });
    case 'too_many_events':
      return json({ events: Array.from({ length: MAX_EVENTS_PER_MESSAGE + 1 }, () => e) });
    case 'oversized':
      return json({ ...e, padding: 'x'.repeat(MAX_MESSAGE_BYTES) });
  }
}

function malformed(rng: Prng, e: SensorEventWire): string {
  const text = JSON.stringify(e);
  switch (rng.int(0, 2)) {
    case 0:
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    case 1:
      return text.replace(/"/g, "'");
    default:
      return `{"events":[${text},`;
  }
}

function schemaViolation(rng: Prng, e: SensorEventWire): unknown {
  switch (rng.int(0, 6)) {
    case 0:
      return { ...e, seq: -1 };
    case 1:
      return { ...e, occupied: 'yes' };
    case 2:
      return { ...e, type: 'reboot' };
    case 3: {
      const { ts: _ts, ...rest } = e;
      return rest;
    }
    case 4:
      return { ...e, batteryMv: 20000 };
    case 5:
      return { ...e, sensorId: 'bad id!' };
    default:
      return { events: [] };
  }
}
