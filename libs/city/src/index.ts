export * from './city-store.port';
export * from './city.service';
