import { defineConfig } from 'vitest/config';

/**
 * The attack suite (issue 12) runs on its own, after the other tests: it measures an honest
 * client's round trip during each attack, which other test files running beside it would skew.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/attacks/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
