export * from './local-date';
export * from './zone-clock';
export * from './day-cache';
