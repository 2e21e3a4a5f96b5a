import { Scenario } from '../harness/scenario';
import { baselineGeosearch } from './baseline-geosearch.scenario';
import { baselineMqtt } from './baseline-mqtt.scenario';

/** Run order matters: references first so later figures can be printed as ratios of them. */
export const SCENARIOS: Scenario[] = [baselineMqtt, baselineGeosearch];
