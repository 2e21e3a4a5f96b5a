export * from './pg-event-log';
export * from './gateway-credentials.repository';
