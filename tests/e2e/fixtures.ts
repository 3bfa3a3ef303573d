/**
 * The browser tests' `test`: every test gets the real server (one process per worker, started
 * before its first test and deleted with its data after the last). Tests may stop, kill and
 * restart it, and leave it running.
 *
 * Contexts a test opens with `browser.newContext()` are closed when it ends: Playwright closes
 * only the contexts of its own `page` fixture, and pages left open kept their boards live (their
 * sockets, presence and renders) for the rest of the worker's tests, slowing every later one.
 */
import { test as base } from '@playwright/test';
import { type ServerProcess, startServerProcess } from './serverProcess.ts';

export { expect } from '@playwright/test';

export const test = base.extend<{ closeOwnContexts: undefined }, { server: ServerProcess }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from this pattern
    async ({}, use) => {
      const server = await startServerProcess();
      await use(server);
      await server.dispose();
    },
    { scope: 'worker' },
  ],
  closeOwnContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use(undefined);
      const opened = browser.contexts().filter((context) => !before.has(context));
      await Promise.all(opened.map((context) => context.close()));
    },
    { auto: true },
  ],
});
