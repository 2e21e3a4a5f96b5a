export * from './rule.schema';
