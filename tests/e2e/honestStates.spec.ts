/**
 * Honest states on a participant's screen: waiting for the facilitator in Setup, a locked board
 * in Final (a late joiner lands at its top, told why), a deleted board said in large type, and
 * on a 360 px phone a sticky mini-bar with the timer, the connection and "N of M".
 */
import type { Browser, Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { setControl } from '../../shared/boardDoc.ts';
import { connect, fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import {
  axeViolations,
  createBoardViaApi,
  joinAs,
  keepScreenshot,
  keyboardPlace,
} from './helpers.ts';

const SCREENS = 'test-results/screens/participant';

async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
  });
  return context.newPage();
}

async function setFocus(baseUrl: string, board: CreateBoardResponse, cardId: string) {
  const desk = await connect(baseUrl, board.boardId, board.facilitatorToken);
  setControl(desk.doc, 'focusCardId', cardId, 'local');
  await new Promise((resolve) => setTimeout(resolve, 300));
  desk.close();
}

test('a phone waits in Setup, places with a sticky mini-bar, and sees the reveal', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Honest phone');
  await fillBoard(server.baseUrl, board, [
    { name: 'Ana', placements: { 'trust.v1': 0.2, 'trust.v2': 0.6 } },
    { name: 'Ben', placements: { 'trust.v1': 0.4, 'trust.v2': 0.5 } },
    { name: 'Cleo', placements: { 'trust.v1': 0.9 } },
  ]);
  await setBoardPhase(server.baseUrl, board, 'setup');
  const eli = await phone(browser);
  await joinAs(eli, board.joinUrl, 'Eli');

  await expect(eli.getByTestId('phase-banner')).toContainText(
    'Waiting for the facilitator to open placing',
  );
  await expect(eli.locator('.board-page')).toHaveAttribute('data-phase', 'setup');
  await keepScreenshot(eli, { path: `${SCREENS}-setup-360.png`, fullPage: true });
  expect(await axeViolations(eli)).toEqual([]);

  await setBoardPhase(server.baseUrl, board, 'placing');
  await expect(eli.getByTestId('phase-banner')).toHaveCount(0);
  const own = eli.getByTestId('own-progress');
  await expect(own).toHaveText('0 of 48 cards placed');
  await keyboardPlace(eli, 'trust.v1', 5);
  await expect(own).toHaveText('1 of 48 cards placed');
  await expect(own).toHaveAttribute('data-placed', '1');

  // Scrolled down, the mini-bar (timer, connection, own progress) is still at the top.
  const miniBar = eli.getByTestId('mini-bar');
  await expect(miniBar.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
  await eli.mouse.wheel(0, 1200);
  await expect.poll(() => eli.evaluate(() => window.scrollY)).toBeGreaterThan(400);
  const box = await miniBar.boundingBox();
  expect(box?.y).toBe(0);
  expect(box?.height).toBeLessThanOrEqual(56);
  await keepScreenshot(eli, { path: `${SCREENS}-placing-scrolled-360.png` });
  expect(await eli.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await setBoardPhase(server.baseUrl, board, 'revealed');
  await eli.evaluate(() => window.scrollTo(0, 0));
  await expect(eli.getByTestId('phase')).toHaveAttribute('data-phase', 'revealed');
  await keepScreenshot(eli, { path: `${SCREENS}-revealed-360.png`, fullPage: true });
  await setBoardPhase(server.baseUrl, board, 'discussing');
  await expect(eli.getByTestId('phase')).toHaveAttribute('data-phase', 'discussing');
  await keepScreenshot(eli, { path: `${SCREENS}-discussing-360.png`, fullPage: true });
});

test('a late joiner to a locked board lands at its top and is told it is locked', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Locked');
  await fillBoard(server.baseUrl, board, [
    { name: 'Ana', placements: { 'systems.p4': 0.2 } },
    { name: 'Ben', placements: { 'systems.p4': 0.4 } },
    { name: 'Cleo', placements: { 'systems.p4': 0.9 } },
  ]);
  // The facilitator focused the last card before locking.
  await setBoardPhase(server.baseUrl, board, 'discussing');
  await setFocus(server.baseUrl, board, 'systems.p4');
  await setBoardPhase(server.baseUrl, board, 'final');

  for (const [page, width] of [
    [await phone(browser), 360],
    [await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage(), 1280],
  ] as const) {
    await joinAs(page, board.joinUrl, `Late ${width}`);
    const banner = page.getByTestId('phase-banner');
    await expect(banner).toContainText('The board is locked — these are the agreed positions');
    await expect(page.locator('[data-card-id="systems.p4"]')).toHaveAttribute(
      'data-focused',
      'true',
    );
    await page.waitForTimeout(500); // a scroll to the focus would have started by now
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(banner).toBeInViewport();
    await keepScreenshot(page, { path: `${SCREENS}-final-late-${width}.png` });
  }
});

test('a deleted board says so on a participant screen, with the way back', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Going away');
  const eli = await phone(browser);
  await joinAs(eli, board.joinUrl, 'Eli');
  const response = await fetch(`${server.baseUrl}/api/boards/${board.boardId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${board.facilitatorToken}` },
  });
  expect(response.status).toBe(204);
  const ended = eli.getByTestId('board-ended');
  await expect(ended).toHaveAttribute('data-ended', 'deleted');
  await expect(ended.getByRole('heading')).toHaveText('This board was deleted');
  await keepScreenshot(eli, { path: `${SCREENS}-deleted-360.png` });
  expect(await axeViolations(eli)).toEqual([]);
  await ended.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(eli).toHaveURL(`${server.baseUrl}/`);
});
