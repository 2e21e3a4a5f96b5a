export * from './pg-report-queries';
export * from './pg-session-history';
