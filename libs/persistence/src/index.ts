export * from './data-source.options';
export * from './migrations.runner';
export * from './open-database';
export * from './partitions';
export * from './persistence.module';
export * from './city';
