/**
 * The board for people who do not use a mouse, use a screen reader, or read Spanish (issue
 * 14): the phone's element tabs are real tabs moved with the arrow keys, the skip link takes
 * the focus to the board, the header's language picker turns the board Spanish and is
 * remembered, and a reveal is announced in the live region (the reflow at 320 px and at 200 %
 * text is languageCoverage.spec.ts's). Screenshots of the header in both languages are kept.
 */
import type { Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../shared/rubric.ts';
import { fillBoard, postJson, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { confirmPhase, joinAs, keepScreenshot } from './helpers.ts';

const elements = ELEMENTS_OF_PARTNERSHIP.elements;
const trust = elements[0]?.cards.map((card) => card.id) ?? [];

async function newBoard(baseUrl: string, title = 'Retreat'): Promise<CreateBoardResponse> {
  return postJson<CreateBoardResponse>(baseUrl, '/api/boards', { title });
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test('on a phone the element tabs are tabs: arrows, Home and End move and open them', async ({
  browser,
  server,
}) => {
  const board = await newBoard(server.baseUrl);
  await setBoardPhase(server.baseUrl, board, 'placing');
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const phone = await context.newPage();
  await joinAs(phone, board.joinUrl, 'Pat');

  const tablist = phone.getByRole('tablist', { name: 'Elements' });
  const tabs = tablist.getByRole('tab');
  await expect(tabs).toHaveCount(elements.length);
  const selected = tablist.getByRole('tab', { selected: true });
  await expect(selected).toHaveAttribute('data-element-tab', elements[0]?.id ?? '');
  // Only the open tab is in the tab order; it controls its lane, which is labelled by it.
  await expect(tablist.locator('[tabindex="0"]')).toHaveCount(1);
  const panel = phone.getByRole('tabpanel');
  await expect(panel).toHaveCount(1);
  await expect(panel).toHaveAttribute('data-element-id', elements[0]?.id ?? '');
  await expect(panel).toHaveAttribute('aria-labelledby', (await selected.getAttribute('id')) ?? '');
  expect(await selected.getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));

  await selected.focus();
  await phone.keyboard.press('ArrowRight');
  const second = tabs.nth(1);
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(second).toHaveAttribute('tabindex', '0');
  await expect(tabs.first()).toHaveAttribute('tabindex', '-1');
  await expect(phone.getByRole('tabpanel')).toHaveAttribute(
    'data-element-id',
    elements[1]?.id ?? '',
  );

  await phone.keyboard.press('End');
  await expect(tabs.last()).toBeFocused();
  await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
  await phone.keyboard.press('ArrowRight');
  await expect(tabs.first()).toBeFocused();
  await phone.keyboard.press('ArrowLeft');
  await expect(tabs.last()).toBeFocused();
  await phone.keyboard.press('Home');
  await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
  await expect(phone.getByRole('tabpanel')).toHaveAttribute(
    'data-element-id',
    elements[0]?.id ?? '',
  );
  await noSidewaysScroll(phone);
  await context.close();
});

test('the skip link is the first stop and takes the focus to the board', async ({
  page,
  server,
}) => {
  const board = await newBoard(server.baseUrl);
  await page.goto(board.facilitatorUrl);
  await expect(page.getByTestId('board-header')).toBeVisible();
  await expect(page.locator('.element-lane').first()).toBeVisible();
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('banner')).toHaveCount(1);

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the board' });
  await expect(skip).toBeFocused();
  const shown = await skip.boundingBox();
  expect(shown && shown.y >= 0 && shown.height > 0).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('#board-lanes')).toBeFocused();
  // The address keeps its fragment (the board's token).
  expect(new URL(page.url()).hash).not.toBe('#board-lanes');
  // The next Tab goes on into the board, past the header's tools.
  await page.keyboard.press('Tab');
  const inBoard = await page.evaluate(
    () => document.activeElement?.closest('#board-lanes') !== null,
  );
  expect(inBoard).toBe(true);
});

test("the header's language picker turns the board Spanish, remembered after a reload", async ({
  browser,
  server,
}) => {
  const board = await newBoard(server.baseUrl);
  await setBoardPhase(server.baseUrl, board, 'placing');
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    const page = await context.newPage();
    const name = `Ana ${viewport.width}`;
    await joinAs(page, board.joinUrl, name);
    const header = page.getByTestId('board-header');
    const picker = header.getByTestId('language-picker');
    await expect(picker).toBeVisible();
    await keepScreenshot(page, { path: `test-results/e2e/board-header-en-${viewport.width}.png` });

    await picker.selectOption('es');
    await expect(header.getByText(`Eres ${name}`)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByTestId('lane-progress').first()).toHaveText(
      '0 de tus 8 tarjetas colocadas',
    );
    await expect(page.getByRole('link', { name: 'Saltar al tablero' })).toBeAttached();
    await noSidewaysScroll(page);
    await keepScreenshot(page, { path: `test-results/e2e/board-header-es-${viewport.width}.png` });

    await page.reload();
    await expect(page.getByTestId('board-header').getByText(`Eres ${name}`)).toBeVisible();
    await expect(page.getByTestId('language-picker')).toHaveValue('es');
    await context.close();
  }
});

test("the facilitator's reveal is announced in the live region", async ({ browser, server }) => {
  const board = await newBoard(server.baseUrl);
  await fillBoard(
    server.baseUrl,
    board,
    ['A', 'B', 'C'].map((name, i) => ({
      name,
      placements: Object.fromEntries(trust.map((cardId) => [cardId, 0.3 + i * 0.2])),
    })),
  );
  await setBoardPhase(server.baseUrl, board, 'setup');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(board.facilitatorUrl);
  await expect(page.locator('.element-lane').first()).toBeVisible();
  const live = page.getByTestId('live-polite');
  // Opening the board says nothing of what it already showed.
  await expect(live).toHaveText('');

  await confirmPhase(page, 'Placing');
  await expect(live).toHaveText(/Placing is open/);
  await confirmPhase(page, 'Revealed');
  await expect(live).toHaveText(/The group's positions are revealed/);
  await context.close();
});
