export * from './logger';
export * from './nest-logger';
export * from './outage-log';
export * from './pretty';
export * from './redact';
export * from './service-errors';
export * from './startup';
