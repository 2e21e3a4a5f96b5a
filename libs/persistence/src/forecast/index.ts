export * from './pg-forecast.store';
