export * from './city-file.schema';
export * from './city-file.issue';
export * from './city-references';
export * from './json-path';
export * from './normalise-city-file';
export * from './validate-city-file';
export * from './city-file.json-schema';
