export * from './common.schema';
export * from './calendar/calendar.schema';
export * from './pricing/pricing.schema';
export * from './rules/rule.schema';
export * from './city/city-file.schema';
export * from './errors/domain.error';
