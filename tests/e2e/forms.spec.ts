/**
 * The forms people fill in first: a name of spaces is refused before anything is sent, with
 * words and in place; a long name is never cut silently; the snapshot field stays inside its
 * panel on a phone and a laptop. Screenshots of the start and join pages and the share panel
 * at 360 px and 1280 px are kept in test-results/.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, keepScreenshot, openPanel } from './helpers.ts';

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const LAPTOP = { viewport: { width: 1280, height: 800 } };

async function open(browser: Browser, screen: typeof PHONE | typeof LAPTOP): Promise<Page> {
  const context = await browser.newContext(screen);
  return context.newPage();
}

test('a name of spaces is refused on the page, in words, without a request', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Names');
  const page = await open(browser, PHONE);
  let joins = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/participants')) joins += 1;
  });
  await page.goto(board.joinUrl);
  const name = page.getByLabel('Your name');
  await name.fill('     ');
  await page.getByRole('button', { name: 'Join the board' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please enter your name.');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  expect(joins).toBe(0);

  // Typing clears the message; the name is sent trimmed.
  await name.fill('  Ana  ');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Join the board' }).click();
  await expect(page.getByText('You are Ana')).toBeVisible();
  expect(joins).toBe(1);
  const stored = await page.evaluate(
    (boardId) => JSON.parse(localStorage.getItem(`continuum:identity:${boardId}`) ?? '{}').name,
    board.boardId,
  );
  expect(stored).toBe('Ana');
});

test('a name longer than 60 characters is never cut silently', async ({ browser, server }) => {
  const board = await createBoardViaApi(server.baseUrl, 'Long names');
  const context = await browser.newContext({
    ...LAPTOP,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  await page.goto(board.joinUrl);
  const name = page.getByLabel('Your name');

  // Counted as the limit nears.
  await name.fill('x'.repeat(40));
  await expect(page.getByTestId('name-counter')).toHaveCount(0);
  await name.fill('x'.repeat(50));
  await expect(page.getByTestId('name-counter')).toHaveText('50 of 60 characters');

  // Typing stops at 60, and the counter shows why.
  await name.fill('');
  await name.pressSequentially('y'.repeat(70), { delay: 0 });
  await expect(name).toHaveValue('y'.repeat(60));
  await expect(page.getByTestId('name-counter')).toHaveText('60 of 60 characters');

  // A pasted 200-character name: the browser cuts it to 60, and the page says so.
  await name.fill('');
  await page.evaluate(() => navigator.clipboard.writeText('z'.repeat(200)));
  await name.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(name).toHaveValue('z'.repeat(60));
  await expect(page.locator('#display-name-note')).toContainText(
    'A name can be at most 60 characters: the pasted one was cut.',
  );
  await keepScreenshot(page, {
    path: 'test-results/forms-join-long-name-1280.png',
    fullPage: true,
  });

  // The server refuses a longer name outright instead of cutting it.
  const refused = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/participants`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ joinCode: board.joinCode, name: 'z'.repeat(200) }),
  });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toEqual({
    error: 'name: Please keep the name to 60 characters or fewer.',
    code: 'nameTooLong',
    field: 'name',
  });
});

for (const [label, screen] of [
  ['360', PHONE],
  ['1280', LAPTOP],
] as const) {
  test(`the start page's fields stay inside their panels at ${label} px`, async ({
    browser,
    server,
  }) => {
    const page = await open(browser, screen);
    await page.goto(server.baseUrl);
    await expect(page.getByLabel('Snapshot file')).toBeVisible();
    for (const field of await page.locator('.panel input, .panel textarea').all()) {
      const panel = field.locator('xpath=ancestor::section[contains(@class,"panel")][1]');
      const inner = await field.boundingBox();
      const outer = await panel.boundingBox();
      if (!inner || !outer) throw new Error('a field or its panel is not shown');
      expect(inner.x).toBeGreaterThanOrEqual(outer.x);
      expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await keepScreenshot(page, { path: `test-results/forms-start-${label}.png`, fullPage: true });

    const board = await createBoardViaApi(server.baseUrl, 'Spring partnership retreat');
    await page.goto(board.joinUrl);
    await expect(page.getByLabel('Your name')).toBeVisible();
    await keepScreenshot(page, { path: `test-results/forms-join-${label}.png`, fullPage: true });

    await page.goto(board.facilitatorUrl);
    await openPanel(page, 'Invite');
    const share = page.locator('.share-panel');
    await expect(share.getByTestId('join-url')).toBeVisible();
    await share.getByRole('button', { name: 'Show my facilitator link' }).click();
    await keepScreenshot(share, { path: `test-results/forms-share-${label}.png` });
    const overflowOnBoard = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflowOnBoard).toBe(0);
  });
}
