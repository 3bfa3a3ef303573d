import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    testTimeout: 20_000,
    // A throw-away PostgreSQL for the tests that need one, and where redis-server is; without
    // them, those tests are skipped with the reason.
    globalSetup: ['tests/support/servicesSetup.ts'],
    // Every core (vitest's default leaves one idle: on two cores, one file at a time); most
    // server tests wait on sockets and timers, so two files at once take two thirds of the time.
    maxWorkers: '100%',
  },
});
