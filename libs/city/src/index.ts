export * from './ports/city-store.port';
export * from './city.service';
