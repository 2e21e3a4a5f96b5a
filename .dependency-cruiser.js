/** Architecture rules checked in CI (npm run lint:deps). */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/dev/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'dev-profile-composes-app-entry-points-only',
      comment:
        'apps/dev (the one-process development profile) composes the apps through their composition roots, nothing deeper (docs/dev-profile.md)',
      severity: 'error',
      from: { path: '^apps/dev/' },
      to: {
        path: '^apps/(api|ingest|enforcer|cli|cli-user)/',
        pathNot: [
          '^apps/api/src/bootstrap\\.ts$',
          '^apps/ingest/src/worker/start-worker\\.ts$',
          '^apps/enforcer/src/wiring\\.ts$',
        ],
      },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: ['^libs/domain/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'domain-no-node-core',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'ioredis-only-in-live-store-redis',
      comment:
        'the raw Redis client belongs to the live-store Redis adapter (libs/live-store/src/redis): every process takes the live state, rate-limit counters and health through ports (Redis or memory); tests and benchmarks may read Redis directly',
      severity: 'error',
      from: {
        pathNot: ['^libs/live-store/src/redis/', '^bench/', '^test/', '\\.(e2e-)?spec\\.ts$'],
      },
      to: { path: '(^|/)node_modules/(@types/)?ioredis/' },
    },
    {
      name: 'io-clients-only-in-adapters',
      comment:
        'pg, typeorm and mqtt belong to adapters (libs/persistence) and composition roots (apps); use cases see ports (docs/architecture.md)',
      severity: 'error',
      from: {
        pathNot: [
          '^libs/persistence/',
          '^libs/live-store/src/redis/',
          '^apps/',
          '^bench/',
          '^sensors-sim/',
          '^test/',
          '\\.(e2e-)?spec\\.ts$',
        ],
      },
      to: {
        path: '(^|/)node_modules/(@types/)?(pg|pg-[^/]+|typeorm|@nestjs/typeorm|mqtt)/',
      },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'sim-not-into-apps',
      severity: 'error',
      from: { path: '^sensors-sim/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '\\.e2e-spec\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
