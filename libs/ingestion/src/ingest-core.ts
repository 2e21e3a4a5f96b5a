import { LiveStateWriter } from '@app/live-store';
import { EventLog } from './ports/event-log.port';
import { IngestMetrics } from './ingest.metrics';
import { IngestService } from './ingest.service';
import { LiveRebuilder } from './live-rebuilder';
import { SensorDirectorySource } from './ports/sensor-directory.port';
import { SensorDirectory } from './sensor-directory';
import { StaleSweeper } from './stale-sweeper';

/** The ingest use cases over one sensor directory (built by each app's wiring from its adapters). */
export interface IngestCore {
  service: IngestService;
  directory: SensorDirectory;
  rebuilder: LiveRebuilder;
  sweeper: StaleSweeper;
  metrics: IngestMetrics;
  /** Reloads the sensor directory and refreshes the live state of the lots the change touched. */
  reload(): Promise<void>;
}

export interface IngestPorts {
  sensors: SensorDirectorySource;
  live: LiveStateWriter;
  log: EventLog;
  metrics: IngestMetrics;
  onError?: (err: unknown) => void;
}

/** A lot's zone and space list, to find the lots a city change touched (Redis keeps no coordinates). */
function lotSignatures(directory: SensorDirectory): Map<string, string> {
  return new Map(
    directory.lots().map((l) => [
      l.lotId,
      `${l.zoneId}|${l.spaces
        .map((s) => s.spaceId)
        .sort()
        .join(';')}`,
    ]),
  );
}

/** Loads the directory once and assembles the use cases on the given ports. */
export async function createIngestCore(ports: IngestPorts): Promise<IngestCore> {
  const { sensors, live, log, metrics } = ports;
  const directory = new SensorDirectory(await sensors.load());
  const rebuilder = new LiveRebuilder(log, live, directory);
  const service = new IngestService(directory, live, log, rebuilder, metrics);
  const sweeper = new StaleSweeper(live, directory, metrics, ports.onError);
  const reload = async () => {
    const before = lotSignatures(directory);
    directory.replace(await sensors.load());
    const after = lotSignatures(directory);
    const changed = [...after.keys()].filter(
      (l) => before.has(l) && before.get(l) !== after.get(l),
    );
    await rebuilder.refresh(changed);
  };
  return { service, directory, rebuilder, sweeper, metrics, reload };
}
