export * from './pricing.schema';
export * from './tier-pricing';
