import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    testTimeout: 20_000,
    // Every core (vitest's default leaves one idle: on two cores, one file at a time); most
    // server tests wait on sockets and timers, so two files at once take two thirds of the time.
    maxWorkers: '100%',
  },
});
