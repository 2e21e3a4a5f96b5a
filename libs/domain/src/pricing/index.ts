export * from './pricing.schema';
