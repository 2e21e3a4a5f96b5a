export * from './calendar.schema';
export * from './day-flags';
export * from './calendar-index';
export * from './day-context';
export * from './compiled-window';
export * from './chinese-days.import';
