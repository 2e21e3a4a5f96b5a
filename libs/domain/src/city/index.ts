export * from './city-file.schema';
