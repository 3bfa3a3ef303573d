/**
 * The browser tests' `test`: every test gets the real server (one process per worker, started
 * before its first test and deleted with its data after the last). Tests may stop, kill and
 * restart it, and leave it running.
 */
import { test as base } from '@playwright/test';
import { type ServerProcess, startServerProcess } from './serverProcess.ts';

export { expect } from '@playwright/test';

export const test = base.extend<Record<never, never>, { server: ServerProcess }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from this pattern
    async ({}, use) => {
      const server = await startServerProcess();
      await use(server);
      await server.dispose();
    },
    { scope: 'worker' },
  ],
});
