export * from './city-channel';
export * from './pg-city.store';
export * from './city-change.listener';
export * from './pg-city.reader';
export * from './pg-city-catalog.source';
