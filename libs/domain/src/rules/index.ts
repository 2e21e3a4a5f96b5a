export * from './rule.schema';
export * from './rule-book.types';
export * from './rule-book';
