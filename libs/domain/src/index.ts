// Each area owns its own barrel; add exports there, not here.
export * from './common.schema';
export * from './time';
export * from './calendar';
export * from './pricing';
export * from './rules';
export * from './city';
export * from './events';
export * from './errors';
export * from './enforcement';
export * from './what-if';
