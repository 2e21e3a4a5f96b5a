import type { IngestMessage } from '../ingest-result';
import { IngestMetrics } from '../ingest.metrics';
import { IngestService } from '../ingest.service';
import { LiveRebuilder } from '../live-rebuilder';
import { SensorDirectory, SensorInfo } from '../sensor-directory';
import { FakeEventLog } from './fake-event-log';
import { FakeLiveWriter } from './fake-live-writer';

/** Sensors S1..S4 on spaces P1..P4 behind gateway G: S1, S2 in lot L1, S3, S4 in lot L2. */
export const FAKE_SENSORS: SensorInfo[] = ['S1', 'S2', 'S3', 'S4'].map((sensorId, i) => ({
  sensorId,
  spaceId: `P${i + 1}`,
  lotId: i < 2 ? 'L1' : 'L2',
  zoneId: i < 2 ? 'Z1' : 'Z2',
  staleMs: 600_000,
  lowBatteryMv: null,
  gateways: new Set(['G']),
}));

/** The ingest use case wired over in-memory ports, as apps/ingest wires it over the real ones. */
export function fakeIngest(sensors: SensorInfo[] = FAKE_SENSORS, clock: () => number = Date.now) {
  const directory = new SensorDirectory(sensors);
  const live = new FakeLiveWriter();
  const log = new FakeEventLog();
  const metrics = new IngestMetrics();
  const rebuilder = new LiveRebuilder(log, live, directory, clock);
  const service = new IngestService(directory, live, log, rebuilder, metrics);
  return { directory, live, log, metrics, rebuilder, service };
}

/** One status uplink as gateway `G` forwards it. */
export function sensorMessage(
  sensorId: string,
  seq: number,
  occupied = true,
  receivedAt = Date.now(),
): IngestMessage {
  const body = { sensorId, seq, type: 'status', occupied, ts: receivedAt };
  return { gatewayId: 'G', receivedAt, payload: Buffer.from(JSON.stringify(body)) };
}
