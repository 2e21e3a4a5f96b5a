export * from './sensor-event';
export * from './parsed-event';
export * from './event-rejection';
export * from './event-timestamp';
export * from './event-parser';
export * from './seq';
export * from './sensor-order';
