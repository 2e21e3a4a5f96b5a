export * from './jwt-tokens';
export * from './user';
export * from './user.repository';
export * from './pg-user.repository';
export * from './auth.service';
