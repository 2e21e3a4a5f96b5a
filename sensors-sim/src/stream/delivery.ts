import type { SensorEventWire, SensorEventType } from '@app/domain';
import type { ExpectedRejection } from '../faults/fault-options';

/** One uplink as the sensor sent it (before the radio and the gateways). */
export interface Uplink {
  sensor: number;
  /** Ordinal of this sensor's uplinks in the run (1, 2, ...): later uplinks win. */
  ordinal: number;
  /** True simulated time it was sent. */
  atMs: number;
  type: SensorEventType;
  event: SensorEventWire;
  flap: boolean;
  sync: boolean;
}

export type DeliveryTag = 'repeat' | 'dual' | 'reorder' | 'replay' | 'invalid' | 'sync' | 'flap';

/** One copy of an uplink (or an invalid message) forwarded by a gateway at simulated time `atMs`. */
export interface Delivery {
  atMs: number;
  gatewayId: string;
  /** Sensor index in the fleet; -1 for an invalid message. */
  sensor: number;
  ordinal: number;
  /** The event; null for an invalid message. */
  event: SensorEventWire | null;
  /** Serialized invalid message; null for a valid event. */
  raw: string | null;
  rejection: ExpectedRejection | null;
  tag: DeliveryTag | null;
}
