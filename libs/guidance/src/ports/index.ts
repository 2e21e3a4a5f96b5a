export * from './catalog.types';
export * from './guidance-policy.port';
export * from './live-state.source';
export * from './city-catalog.source';
