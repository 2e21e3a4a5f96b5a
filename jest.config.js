/**
 * Two projects: `unit` (every `*.spec.ts`: pure, in-memory fakes, no service, no child process)
 * and `e2e` (every `*.e2e-spec.ts`, against the real PostgreSQL, Redis and Mosquitto).
 * `npm run test:unit` runs the first alone, so it works on a machine without the services.
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

/** Marks the run (child processes carry it) and kills whatever a failed spec left running. */
const e2e = {
  ...common,
  displayName: 'e2e',
  testMatch: [`${roots}/*.e2e-spec.ts`],
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.js',
};

// testTimeout is a global option: inside a project it is ignored (jest 30)
module.exports = { projects: [unit, e2e], maxWorkers: 2, testTimeout: 60000 };
