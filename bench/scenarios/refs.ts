/** Names of the reference figures (raw limits of this machine) that other figures are ratios of. */
export const REF = {
  mqttSmall: 'raw: mqtt.js QoS 1 subscriber, 120-byte messages',
  mqttBatchEvents: 'raw: mqtt.js QoS 1 subscriber, 50-event messages (events/s)',
  geoRate: 'raw: GEOSEARCH 500 m COUNT 20 loop (all spaces)',
  geoP50: 'raw: GEOSEARCH latency p50 (16 in flight)',
  geoP99: 'raw: GEOSEARCH latency p99 (16 in flight)',
} as const;
