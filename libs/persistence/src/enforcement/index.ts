export * from './pg-session.repository';
export * from './pg-violation.repository';
export * from './pg-police-queries';
export * from './violation-change.listener';
