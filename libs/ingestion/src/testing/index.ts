// Test doubles of the ingest ports: import from specs only, never from production code.
export * from './deferred';
export * from './fake-event-log';
export * from './fake-live-writer';
export * from './fake-ingest';
