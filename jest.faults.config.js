/** The ingest fault suite (`npm run test:faults`): real brokers, stores and workers under load. */
const e2e = require('./jest.config').projects.find((p) => p.displayName === 'e2e');

module.exports = {
  ...e2e,
  displayName: undefined,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.js',
  testSequencer: '<rootDir>/test/support/jest-sequencer.js',
  testTimeout: 120000,
  maxWorkers: 1,
};
