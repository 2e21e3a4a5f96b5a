// Library surface for benchmarks and tests: generate a city, stream its sensors, batch, publish, check the truth.
export { Prng } from './random/prng';
export { generateCity, type GeneratedCity } from './city/city-generator';
export { DEFAULT_CITY_OPTIONS, resolveCityOptions, type CityOptions } from './city/city-options';
export { DayCalendar, DayKind } from './demand/day-calendar';
export { DemandModel } from './demand/demand-model';
export {
  DEMAND_CURVES,
  DEMAND_PROFILES,
  dwellSpec,
  type DemandCurve,
  type DemandProfile,
  type DwellSpec,
} from './demand/demand-profiles';
export { profileOf, profilesOf } from './demand/profile-of';
export {
  DEFAULT_FAULTS,
  INJECTED_REJECTIONS,
  NO_FAULTS,
  type ExpectedRejection,
  type FaultOptions,
} from './faults/fault-options';
export { FaultInjector, type FaultCounts } from './faults/fault-injector';
export type { Outage } from './faults/outage-plan';
export type { Delivery, DeliveryTag, Uplink } from './stream/delivery';
export { EventStream } from './stream/event-stream';
export { SimFleet } from './stream/sim-fleet';
export {
  DEFAULT_STREAM_OPTIONS,
  resolveStreamOptions,
  type StreamInput,
  type StreamOptions,
  type TsFormat,
} from './stream/stream-options';
export { UplinkSource } from './stream/uplink-source';
export {
  GroundTruth,
  type GroundTruthReport,
  type InvalidSent,
  type SensorTruth,
} from './truth/ground-truth';
export { MessageBatcher, type BatchOptions, type SimMessage } from './publish/message-batcher';
export { NullPublisher, Publisher } from './publish/publisher';
export { MqttPublisher, type MqttPublisherOptions } from './publish/mqtt-publisher';
export { HttpPublisher, type HttpPublisherOptions } from './publish/http-publisher';
export {
  runSimulation,
  type RunOptions,
  type RunProgress,
  type RunSummary,
} from './run/sim-runner';
