import type { CityFile } from '@app/domain';
import type { DemandProfile } from '../demand/demand-profiles';
import { profilesOf } from '../demand/profile-of';

/** The city flattened into arrays for the simulation: one entry per sensor, gateways by index. */
export class SimFleet {
  readonly sensorIds: string[];
  readonly spaceIds: string[];
  readonly gatewayIds: string[];
  readonly primary: Int32Array;
  /** Second gateway in range, or -1. */
  readonly secondary: Int32Array;
  readonly heartbeatMs: Float64Array;
  readonly lowBatteryMv: Float64Array;
  readonly profiles: DemandProfile[];

  constructor(readonly city: CityFile) {
    const spaceIndex = new Map(city.spaces.map((s, i) => [s.id, i]));
    const gatewayIndex = new Map(city.gateways.map((g, i) => [g.id, i]));
    const models = new Map(city.sensorModels.map((m) => [m.id, m]));
    const profileBySpace = profilesOf(city);
    const n = city.sensors.length;
    this.sensorIds = city.sensors.map((s) => s.id);
    this.spaceIds = city.sensors.map((s) => s.spaceId);
    this.gatewayIds = city.gateways.map((g) => g.id);
    this.primary = new Int32Array(n);
    this.secondary = new Int32Array(n).fill(-1);
    this.heartbeatMs = new Float64Array(n);
    this.lowBatteryMv = new Float64Array(n);
    this.profiles = new Array<DemandProfile>(n);
    city.sensors.forEach((s, i) => {
      const gw = s.gatewayIds.map((id) => gatewayIndex.get(id));
      if (gw[0] === undefined)
        throw new Error(`sensor ${s.id}: unknown gateway ${s.gatewayIds[0]}`);
      this.primary[i] = gw[0];
      if (gw.length > 1 && gw[1] !== undefined) this.secondary[i] = gw[1];
      const model = models.get(s.modelId);
      this.heartbeatMs[i] = (model?.heartbeatIntervalS ?? 600) * 1000;
      this.lowBatteryMv[i] = model?.lowBatteryMv ?? 3000;
      const space = spaceIndex.get(s.spaceId);
      this.profiles[i] = space === undefined ? 'commercial' : profileBySpace[space];
    });
  }

  get size(): number {
    return this.sensorIds.length;
  }

  /** A gateway the sensor is not bound to, or -1 if it is bound to all of them. */
  unboundGateway(sensor: number): number {
    for (let k = 1; k <= this.gatewayIds.length; k++) {
      const g = (this.primary[sensor] + k) % this.gatewayIds.length;
      if (g !== this.primary[sensor] && g !== this.secondary[sensor]) return g;
    }
    return -1;
  }
}
