export * from './city-channel';
export * from './pg-city.store';
export * from './city-change.listener';
export * from './pg-city-rules.loader';
export * from './pg-city-file.reader';
export * from './pg-city-catalog.source';
