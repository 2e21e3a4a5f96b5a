// The MQTT intake is now one PartitionClient per owned partition (apps/ingest/src/partitions);
// this path stays only for the imports of ingest-worker.ts.
export type { InboundMessage } from './inbound-message';
