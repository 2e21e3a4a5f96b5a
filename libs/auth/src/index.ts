export * from './jwt-tokens';
export * from './user';
export * from './ports/user-repository.port';
export * from './auth.service';
