export * from './sensor-event';
