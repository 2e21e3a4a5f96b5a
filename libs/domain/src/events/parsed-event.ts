import { SensorEventType } from './sensor-event';

/** A validated event: `ts` normalised to epoch milliseconds, unknown fields kept in `extra`. */
export interface SensorEvent {
  sensorId: string;
  seq: number;
  type: SensorEventType;
  occupied: boolean;
  ts: number;
  batteryMv?: number;
  temperatureC?: number;
  rssi?: number;
  extra?: Record<string, unknown>;
  /** Position in the message. */
  index: number;
}
