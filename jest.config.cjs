/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
  globalSetup: '<rootDir>/tests/helpers/write-case-charts.mjs',
  setupFiles: ['<rootDir>/tests/helpers/env.cjs'],
  reporters: ['default', '<rootDir>/tests/helpers/summary-reporter.cjs'],
};
