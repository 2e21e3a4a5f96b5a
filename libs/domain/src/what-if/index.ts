export * from './what-if.types';
export * from './public-space-hours';
export * from './what-if-replay';
export * from './rule-book-input-of';
