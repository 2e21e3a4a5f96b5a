export * from './pg-user.repository';
