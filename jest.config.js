/**
 * Two projects: `unit` (every `*.spec.ts`: pure, in-memory fakes, no service, no child process)
 * and `e2e` (every `*.e2e-spec.ts`, against the real PostgreSQL, Redis and Mosquitto, found or
 * started for the run: docs/testing.md). `npm run test:unit` runs the first alone.
 */
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  const from = '^' + alias.replace('/*', '/(.*)') + '$';
  moduleNameMapper[from] = '<rootDir>/' + target.replace('/*', '/$1');
}

const roots = '<rootDir>/{apps,libs,sensors-sim,bench,test,scripts}/**';

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  setupFiles: ['<rootDir>/test/setup-env.js'],
  testTimeout: 60000,
};

const unit = { ...common, displayName: 'unit', testMatch: [`${roots}/*.spec.ts`] };

/**
 * Marks the run (child processes carry it) and kills whatever a failed spec left running; finds
 * or starts the services the selected suites declare in `@needs` (docs/testing.md).
 */
const e2e = {
  ...common,
  displayName: 'e2e',
  testMatch: [`${roots}/*.e2e-spec.ts`],
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-needs-check.js'],
};

// testTimeout and testSequencer are global options: inside a project they are ignored (jest 30)
module.exports = {
  projects: [unit, e2e],
  maxWorkers: 2,
  testTimeout: 60000,
  testSequencer: '<rootDir>/test/support/jest-sequencer.js',
};
