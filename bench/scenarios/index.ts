import { Scenario } from '../harness/scenario';
import { apiMemory } from './api-memory.scenario';
import { baselineGeosearch } from './baseline-geosearch.scenario';
import { baselineMqtt } from './baseline-mqtt.scenario';
import { burst } from './burst.scenario';
import { freshness } from './freshness.scenario';
import { ingestBatched, ingestSingle } from './ingest.scenario';
import { nearby } from './nearby.scenario';
import { nearbyIntents } from './nearby-intents.scenario';
import { rebuild } from './rebuild.scenario';
import { reload } from './reload.scenario';
import { standardsStatus } from './standards.scenario';

/**
 * Run order matters: references first so later figures can be printed as ratios of them; the
 * rebuild last because it empties Redis.
 */
export const SCENARIOS: Scenario[] = [
  baselineMqtt,
  baselineGeosearch,
  apiMemory,
  ingestBatched,
  ingestSingle,
  freshness,
  nearby,
  nearbyIntents,
  standardsStatus,
  burst,
  reload,
  rebuild,
];
