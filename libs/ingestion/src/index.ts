export * from './sensor-directory';
export * from './event-log.port';
export * from './ingest-result';
export * from './ingest.metrics';
export * from './ingest.service';
export * from './live-rebuilder';
export * from './stale-sweeper';
export * from './retry';
