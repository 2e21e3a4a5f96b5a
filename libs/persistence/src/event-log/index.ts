export * from './pg-event-log';
export * from './pg-sensor-directory.source';
export * from './gateway-credentials.repository';
