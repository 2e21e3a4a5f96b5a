export * from './city-channel';
export * from './pg-city.store';
export * from './city-change.listener';
