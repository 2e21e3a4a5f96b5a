/** The sensor event contract v1 (docs/contracts.md#sensor-event-contract-v1). */
export type SensorEventType = 'status' | 'heartbeat' | 'startup';

/** One event as it travels on the wire (before validation: `ts` may be RFC 3339 or epoch ms). */
export interface SensorEventWire {
  sensorId: string;
  seq: number;
  type: SensorEventType;
  occupied: boolean;
  ts: string | number;
  batteryMv?: number;
  temperatureC?: number;
  rssi?: number;
  [extra: string]: unknown;
}

/** A message body: one event, or a batch of 1..1000 events. */
export type SensorMessageWire = SensorEventWire | { events: SensorEventWire[] };

export const SENSOR_TOPIC_PATTERN = 'parking/v1/gateways/{gatewayId}/events';
export const MAX_MESSAGE_BYTES = 256 * 1024;
export const MAX_EVENTS_PER_MESSAGE = 1000;
export const SEQ_MODULUS = 2 ** 32;

export function gatewayTopic(gatewayId: string, root = ''): string {
  return `${root}${SENSOR_TOPIC_PATTERN.replace('{gatewayId}', gatewayId)}`;
}
