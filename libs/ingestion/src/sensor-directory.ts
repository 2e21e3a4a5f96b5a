/** What ingest needs to know about a sensor (from the city tables). */
export interface SensorInfo {
  sensorId: string;
  spaceId: string;
  lotId: string;
  zoneId: string;
  /** 2 x heartbeat interval + grace of the sensor's model, in ms. */
  staleMs: number;
  lowBatteryMv: number | null;
  gateways: ReadonlySet<string>;
}

export interface DirectoryLot {
  lotId: string;
  zoneId: string;
  spaces: Array<{ spaceId: string }>;
}

/** In-memory index of the city's sensors, replaced wholesale on reload. */
export class SensorDirectory {
  private sensors = new Map<string, SensorInfo>();
  private lotIndex = new Map<string, DirectoryLot>();

  constructor(list: SensorInfo[] = []) {
    this.replace(list);
  }

  replace(list: SensorInfo[]): void {
    const sensors = new Map<string, SensorInfo>();
    const lots = new Map<string, DirectoryLot>();
    for (const s of list) {
      sensors.set(s.sensorId, s);
      let lot = lots.get(s.lotId);
      if (!lot) lots.set(s.lotId, (lot = { lotId: s.lotId, zoneId: s.zoneId, spaces: [] }));
      lot.spaces.push({ spaceId: s.spaceId });
    }
    this.sensors = sensors;
    this.lotIndex = lots;
  }

  sensor(id: string): SensorInfo | undefined {
    return this.sensors.get(id);
  }

  lot(id: string): DirectoryLot | undefined {
    return this.lotIndex.get(id);
  }

  lots(): DirectoryLot[] {
    return [...this.lotIndex.values()];
  }

  get size(): number {
    return this.sensors.size;
  }
}
