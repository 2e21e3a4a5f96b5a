export * from './local-date';
export * from './zone-clock';
