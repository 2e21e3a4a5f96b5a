export * from './catalog.types';
export * from './guidance-policy.port';
export * from './live-state.port';
export * from './city-catalog.port';
