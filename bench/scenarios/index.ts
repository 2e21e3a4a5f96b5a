import { Scenario } from '../harness/scenario';
import { baselineGeosearch } from './baseline-geosearch.scenario';
import { baselineMqtt } from './baseline-mqtt.scenario';
import { burst } from './burst.scenario';
import { freshness } from './freshness.scenario';
import { ingestBatched, ingestSingle } from './ingest.scenario';
import { nearby } from './nearby.scenario';
import { rebuild } from './rebuild.scenario';
import { standardsStatus } from './standards.scenario';

/**
 * Run order matters: references first so later figures can be printed as ratios of them; the
 * rebuild last because it empties Redis.
 */
export const SCENARIOS: Scenario[] = [
  baselineMqtt,
  baselineGeosearch,
  ingestBatched,
  ingestSingle,
  freshness,
  nearby,
  standardsStatus,
  burst,
  rebuild,
];
