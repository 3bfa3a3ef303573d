/**
 * Links that phones can open: a facilitator who starts on http://127.0.0.1 is moved to the
 * machine's LAN address before anything is stored, and every link, "type it at …" and the
 * facilitator link then use it. Copying works on plain http:// (no clipboard API there).
 *
 * Why this spec starts its own server: the shared e2e server (fixtures.ts) listens on 127.0.0.1
 * only, so it has no LAN address and its pages and links stay on 127.0.0.1 — the other specs
 * keep working on one origin, where their stored identities are. This one starts Continuum with
 * HOST=0.0.0.0 and no PUBLIC_URL, as `npm start` does in a room, so it is reachable at the LAN
 * address too (and a second one with PUBLIC_URL set).
 */
import { networkInterfaces } from 'node:os';
import type { Page } from '@playwright/test';
import type { AddressesResponse } from '../../shared/api.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, keepScreenshot, newPage, openPanel } from './helpers.ts';
import { type ServerProcess, startServerProcess } from './serverProcess.ts';

const LOOPBACK = /localhost|127\.0\.0\.1|\[::1\]/;

const machineHasLan = Object.values(networkInterfaces())
  .flat()
  .some((address) => address?.family === 'IPv4' && !address.internal);

/** Every address the page shows: texts, input values, links. */
async function shownAddresses(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [document.body.textContent ?? ''];
    for (const input of document.querySelectorAll('input')) found.push(input.value);
    for (const link of document.querySelectorAll('a[href]')) {
      found.push((link as HTMLAnchorElement).href);
    }
    for (const labelled of document.querySelectorAll('[aria-label]')) {
      found.push(labelled.getAttribute('aria-label') ?? '');
    }
    return found;
  });
}

test.describe('a server reachable on the LAN (HOST=0.0.0.0, no PUBLIC_URL)', () => {
  test.skip(!machineHasLan, 'this machine has no LAN address');
  let room: ServerProcess;
  let loopback: string;
  let lan: string;

  test.beforeAll(async () => {
    room = await startServerProcess({ HOST: '0.0.0.0' });
    loopback = room.baseUrl;
    const answer = (await (await fetch(`${loopback}/api/addresses`)).json()) as AddressesResponse;
    lan = answer.origin;
    const host = new URL(lan).hostname;
    const machine = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address?.family === 'IPv4' && !address.internal)
      .map((address) => address?.address);
    expect(machine).toContain(host);
    expect(lan).toBe(`http://${host}:${room.port}`);
  });
  test.afterAll(async () => {
    await room.dispose();
  });

  test('a facilitator who starts on 127.0.0.1 ends on the LAN address with their controls, and every link says it', async ({
    browser,
  }) => {
    const facilitator = await newPage(browser);
    await facilitator.goto(loopback);
    await facilitator.waitForURL(`${lan}/`);
    await facilitator.getByLabel('Title').fill('Spring retreat');
    await facilitator.getByRole('button', { name: 'Create board' }).click();
    await expect(facilitator.getByRole('heading', { name: 'Spring retreat' })).toBeVisible();
    expect(new URL(facilitator.url()).origin).toBe(lan);
    expect(facilitator.url()).not.toContain('#token='); // taken out of the address bar
    await openPanel(facilitator, 'Invite'); // the facilitator's tools
    await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');

    const code = (await facilitator.getByTestId('join-code').textContent()) ?? '';
    const joinUrl = await facilitator.getByTestId('join-url').inputValue();
    expect(joinUrl).toMatch(new RegExp(`^${lan}/join/[\\w-]+#code=${code}$`));
    await expect(facilitator.getByTestId('type-it-at')).toHaveText(
      `— type it at ${new URL(lan).host}`,
    );
    await facilitator.getByRole('button', { name: 'Show my facilitator link' }).click();
    expect(await facilitator.getByTestId('facilitator-url').inputValue()).toMatch(
      new RegExp(`^${lan}/b/[\\w-]+#token=`),
    );
    await expect(facilitator.getByTestId('network-note')).toContainText('PUBLIC_URL');
    for (const shown of await shownAddresses(facilitator)) expect(shown).not.toMatch(LOOPBACK);
    await keepScreenshot(facilitator, { path: 'test-results/addresses-facilitator-1280.png' });

    // The identity lives on the LAN origin: a reload there is still the facilitator.
    await facilitator.reload();
    await openPanel(facilitator, 'Invite');

    // A phone opens the join link from the share panel.
    const phone = await newPage(browser);
    await phone.goto(joinUrl);
    await phone.getByLabel('Your name').fill('Ana');
    await phone.getByRole('button', { name: 'Join the board' }).click();
    await expect(phone.getByText('You are Ana')).toBeVisible();
  });

  test('a facilitator link opened on 127.0.0.1 moves to the LAN address with its token', async ({
    browser,
  }) => {
    const created = await createBoardViaApi(loopback, 'Link on loopback');
    expect(created.facilitatorUrl.startsWith(`${lan}/b/`)).toBe(true); // the API's links too
    const page = await newPage(browser);
    await page.goto(`${loopback}/b/${created.boardId}#token=${created.facilitatorToken}`);
    await page.waitForURL(`${lan}/b/${created.boardId}`);
    await openPanel(page, 'Invite');
    const stored = await page.evaluate(
      (boardId) => localStorage.getItem(`continuum:identity:${boardId}`),
      created.boardId,
    );
    expect(stored).toContain(created.facilitatorToken);
  });

  test('a page on 127.0.0.1 stays there when the room address does not answer from this browser', async ({
    browser,
  }) => {
    // A tunnel to localhost (SSH, a container's port): the LAN address is out of this browser's reach.
    const context = await browser.newContext();
    await context.route(`${lan}/**`, (route) => route.abort('addressunreachable'));
    const page = await context.newPage();
    await page.goto(loopback);
    await expect(page.getByLabel('Title')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(loopback);
    await context.close();
  });

  test('copying on plain http:// without the clipboard API selects the link and says so', async ({
    browser,
  }) => {
    const created = await createBoardViaApi(loopback, 'Copy on the LAN');
    const context = await browser.newContext();
    // No old copy command either (as in browsers that refuse it): only the selection is left.
    await context.addInitScript(() => {
      document.execCommand = () => false;
    });
    const page = await context.newPage();
    await page.goto(created.facilitatorUrl);
    await openPanel(page, 'Invite');
    expect(await page.evaluate(() => 'clipboard' in navigator)).toBe(false); // http:// on the LAN
    const field = page.getByTestId('join-url');
    await page.locator('.copy-field', { has: field }).getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByTestId('join-url-copy-status')).toHaveText(
      'Selected — press Ctrl+C / long-press to copy',
    );
    const selection = await field.evaluate((input: HTMLInputElement) => ({
      focused: document.activeElement === input,
      start: input.selectionStart,
      end: input.selectionEnd,
      length: input.value.length,
    }));
    expect(selection).toEqual({
      focused: true,
      start: 0,
      end: selection.length,
      length: selection.length,
    });
  });

  test('a board link without a token opens the join form at once on the LAN address too', async ({
    browser,
  }) => {
    // No move here (the page is not on loopback), so nothing delays the board page's first
    // render: this is where the lost navigation showed (it fails with the old App).
    const created = await createBoardViaApi(loopback, 'No token on the LAN');
    const page = await newPage(browser);
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });
    await page.goto(`${lan}/b/${created.boardId}`);
    await expect(page.getByLabel('Your name')).toBeVisible();
    expect(page.url()).toBe(`${lan}/join/${created.boardId}`);
    expect(loads).toBe(1);
  });
});

test.describe('a server with PUBLIC_URL', () => {
  test.skip(!machineHasLan, 'this machine has no LAN address');
  let room: ServerProcess;

  test.beforeAll(async () => {
    room = await startServerProcess({ HOST: '0.0.0.0', PUBLIC_URL: 'https://retreat.example.org' });
  });
  test.afterAll(async () => {
    await room.dispose();
  });

  test('links use PUBLIC_URL; the facilitator may pick the LAN address instead', async ({
    browser,
  }) => {
    const answer = (await (
      await fetch(`${room.baseUrl}/api/addresses`)
    ).json()) as AddressesResponse;
    expect(answer.origin).toBe('https://retreat.example.org');
    const lan = answer.addresses.find((address) => !address.includes('example.org')) ?? '';
    expect(lan).not.toMatch(LOOPBACK);

    // Opened on the LAN address (PUBLIC_URL is behind a proxy this test does not have).
    const page = await newPage(browser);
    await page.goto(lan);
    await page.getByLabel('Title').fill('Public retreat');
    await page.getByRole('button', { name: 'Create board' }).click();
    await openPanel(page, 'Invite');
    const joinUrl = page.getByTestId('join-url');
    await expect(joinUrl).toHaveValue(/^https:\/\/retreat\.example\.org\/join\//);
    await expect(page.getByTestId('network-note')).toHaveCount(0);

    await page.getByLabel('Address for links').selectOption(lan);
    await expect(joinUrl).toHaveValue(new RegExp(`^${lan}/join/`));
    await expect(page.getByTestId('type-it-at')).toHaveText(`— type it at ${new URL(lan).host}`);
    await page.reload(); // the choice is kept on this device
    await expect(page.getByTestId('join-url')).toHaveValue(new RegExp(`^${lan}/join/`));
  });
});

test('a board link without a token opens the join form at once, without a reload', async ({
  browser,
  server,
}) => {
  const created = await createBoardViaApi(server.baseUrl, 'No token');
  const page = await newPage(browser);
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  await page.goto(`${server.baseUrl}/b/${created.boardId}`);
  await expect(page.getByLabel('Your name')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No token' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/join/${created.boardId}`);
  expect(loads).toBe(1);
  // The form works: the person is on the board.
  await page.getByLabel('Join code').fill(created.joinCode);
  await page.getByLabel('Your name').fill('Ana');
  await page.getByRole('button', { name: 'Join the board' }).click();
  await expect(page.getByText('You are Ana')).toBeVisible();
});
