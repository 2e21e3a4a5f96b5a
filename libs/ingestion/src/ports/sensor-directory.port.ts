import type { SensorInfo } from '../sensor-directory';

/** Where the sensor directory comes from (the city tables); changes arrive through the app's city listener. */
export abstract class SensorDirectorySource {
  abstract load(): Promise<SensorInfo[]>;
}
