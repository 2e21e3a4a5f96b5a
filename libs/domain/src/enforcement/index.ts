export * from './case-status';
export * from './principal';
export * from './session-tracker';
export * from './violation';
