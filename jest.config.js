// Two projects so that fast unit tests and slow end-to-end tests (real terraform, real local cloud) are
// separate but both run in `npm test`.
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

/** End-to-end tests that must not overlap with any other (see the e2e-serial project). */
const SERIAL_E2E = ['<rootDir>/test/e2e/package/', '<rootDir>/test/e2e/readme/'];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
    },
    {
      // Each file has its own local cloud, workspace, HOME and TMPDIR on ephemeral ports, so two run at once
      // (`--maxWorkers=2`): most of their time is spent waiting on terraform and provider processes.
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      testPathIgnorePatterns: SERIAL_E2E,
      // testTimeout is not honoured per project; the setup file raises it for terraform-driven tests.
      setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
    },
    {
      // These run `npm pack`, whose `prepare` rebuilds dist/ in place: alone, after the others, so no test
      // ever reads a bundle while it is being rewritten.
      displayName: 'e2e-serial',
      testEnvironment: 'node',
      transform,
      testMatch: SERIAL_E2E.map((dir) => `${dir}**/*.test.ts`),
      setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
    },
  ],
};
