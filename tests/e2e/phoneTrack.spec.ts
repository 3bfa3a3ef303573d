/**
 * A phone that places precisely (issue 13): on a 360 px touch screen the line takes the width,
 * a finger places a card where it lifts, the person's own handle never hides the group's median
 * (nor, on a laptop, the agreed mark), the element tabs show progress and start each element at
 * its heading, and nothing scrolls sideways. Screenshots of each phase are kept.
 */
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { setFinal } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../shared/rubric.ts';
import { connect, fillBoard, postJson, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { chip, joinAs, keepScreenshot, row } from './helpers.ts';

const trust = ELEMENTS_OF_PARTNERSHIP.elements[0]?.cards.map((card) => card.id) ?? [];
const PHONE = { width: 360, height: 740 };

async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
}

/** 30 people: everyone placed every Trust card, trust.v1 around 60 %. */
function room(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `Person ${i + 1}`,
    placements: Object.fromEntries(
      trust.map((cardId, c) => [
        cardId,
        Math.round((0.45 + ((i * 7 + c * 3) % 31) / 100) * 100) / 100,
      ]),
    ),
  }));
}

/** A finger presses the chip `grabOffset` px right of its left edge and lifts at `x`. */
async function touchDrag(
  context: BrowserContext,
  page: Page,
  target: Locator,
  x: number,
  grabOffset = 8,
) {
  await target.scrollIntoViewIfNeeded();
  const from = await target.boundingBox();
  if (!from) throw new Error('chip not visible');
  const cdp = await context.newCDPSession(page);
  const start = { x: from.x + grabOffset, y: from.y + from.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
  await page.waitForTimeout(350); // a short press starts the drag, so a swipe still scrolls
  for (let step = 1; step <= 12; step++) {
    const along = start.x + ((x - start.x) * step) / 12;
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: along, y: start.y }],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not visible');
  return found;
}

async function noSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test('a phone places precisely on a full-width line and its handle never hides the median', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Retreat',
  });
  await fillBoard(server.baseUrl, board, room(30));
  const context = await phoneContext(browser);
  const phone = await context.newPage();
  await joinAs(phone, board.joinUrl, 'Pat');

  // The line takes the screen's width.
  const axis = await box(row(phone, 'trust.v1').locator('.axis'));
  expect(axis.width).toBeGreaterThanOrEqual(0.85 * PHONE.width);
  await noSidewaysScroll(phone);
  await expect(phone.getByTestId('element-tab').first()).toContainText('0/8');

  // Grabbed near its edge, the chip still lands where the finger lifts.
  await touchDrag(context, phone, chip(phone, 'trust.v1'), axis.x + 0.6 * axis.width);
  const placed = Number(await chip(phone, 'trust.v1').getAttribute('data-position'));
  expect(Math.abs(placed - 0.6)).toBeLessThanOrEqual(0.03);
  await expect(phone.getByTestId('element-tab').first()).toContainText('1/8');
  await expect(phone.locator('[data-element-id="trust"]').getByTestId('lane-progress')).toHaveText(
    '1 of 8 of your cards placed',
  );
  const handle = await box(chip(phone, 'trust.v1'));
  expect(handle.height).toBeGreaterThanOrEqual(44);
  await keepScreenshot(phone, { path: 'test-results/phone-placing.png', fullPage: true });

  // Tabs: the next element starts at its heading, below the sticky tabs, however far down.
  await phone.mouse.wheel(0, 1500);
  await phone.evaluate(() => window.scrollTo(0, 900));
  await phone.getByTestId('element-tab').nth(2).click();
  const heading = await box(phone.locator('[data-element-id] h2').nth(2));
  const tabs = await box(phone.getByRole('tablist', { name: 'Elements' }));
  expect(heading.y).toBeLessThan(150);
  expect(heading.y).toBeGreaterThanOrEqual(tabs.y + tabs.height - 1);
  await keepScreenshot(phone, { path: 'test-results/phone-tab-switched.png' });
  await noSidewaysScroll(phone);
  await phone.getByTestId('element-tab').first().click();

  // The facilitator's laptop counts the room per element: who placed all of its cards.
  const facilitator = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await facilitator.goto(board.facilitatorUrl);
  await expect(
    facilitator.locator('[data-element-id="trust"]').getByTestId('lane-progress'),
  ).toHaveText('30 of 31 people finished this element');
  await expect(
    facilitator.locator('[data-element-id="values"]').getByTestId('lane-progress'),
  ).toHaveText('0 of 31 people finished this element');
  await facilitator.close();

  // Revealed: the group's median stands right under the handle, and the handle does not hide it.
  await setBoardPhase(server.baseUrl, board, 'revealed');
  const median = row(phone, 'trust.v1').getByTestId('median');
  await expect(median).toBeVisible();
  await expect(row(phone, 'trust.v1').getByTestId('placement-dot')).toHaveCount(31);
  expect(intersects(await box(chip(phone, 'trust.v1')), await box(median))).toBe(false);
  await noSidewaysScroll(phone);
  await row(phone, 'trust.v1').scrollIntoViewIfNeeded();
  await keepScreenshot(phone, { path: 'test-results/phone-revealed.png' });

  await setBoardPhase(server.baseUrl, board, 'discussing');
  await expect(phone.getByTestId('median').first()).toBeVisible();
  await keepScreenshot(phone, { path: 'test-results/phone-discussing.png' });

  // Final: the handle says it is locked and offers no grab.
  await setBoardPhase(server.baseUrl, board, 'final');
  await expect(chip(phone, 'trust.v1')).toHaveAttribute('data-closed', 'locked');
  await expect(chip(phone, 'trust.v1')).toHaveAttribute('aria-label', /locked/);
  expect(await chip(phone, 'trust.v1').evaluate((el) => getComputedStyle(el).cursor)).not.toBe(
    'grab',
  );
  expect(intersects(await box(chip(phone, 'trust.v1')), await box(median))).toBe(false);
  await keepScreenshot(phone, { path: 'test-results/phone-final.png', fullPage: true });
  await context.close();
});

test('in setup a phone says placing opens soon rather than showing broken chips', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Before',
  });
  await setBoardPhase(server.baseUrl, board, 'setup');
  const context = await phoneContext(browser);
  const phone = await context.newPage();
  await joinAs(phone, board.joinUrl, 'Sam');
  await expect(chip(phone, 'trust.v1')).toHaveAttribute('data-closed', 'not-yet');
  await expect(chip(phone, 'trust.v1')).toHaveAttribute('aria-label', /placing opens soon/);
  await expect(row(phone, 'trust.v1')).toContainText('Placing opens soon');
  expect(await chip(phone, 'trust.v1').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  await keepScreenshot(phone, { path: 'test-results/phone-setup.png' });
  await context.close();
});

test("on a laptop the person's handle does not hide the agreed mark", async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Laptop',
  });
  await fillBoard(server.baseUrl, board, room(5));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const laptop = await context.newPage();
  await joinAs(laptop, board.joinUrl, 'Lee');
  const axis = await box(row(laptop, 'trust.v1').locator('.axis'));
  const from = await box(chip(laptop, 'trust.v1'));
  await laptop.mouse.move(from.x + 6, from.y + from.height / 2);
  await laptop.mouse.down();
  await laptop.mouse.move(from.x + 20, from.y + from.height / 2, { steps: 2 });
  await laptop.mouse.move(axis.x + 0.5 * axis.width, from.y + from.height / 2, { steps: 12 });
  await laptop.mouse.up();
  await expect(chip(laptop, 'trust.v1')).toHaveAttribute('data-position', /^0\.(49|5|51)/);

  const facilitator = await connect(server.baseUrl, board.boardId, board.facilitatorToken);
  setFinal(facilitator.doc, 'trust.v1', { x: 0.5, note: 'agreed' }, 'local');
  await setBoardPhase(server.baseUrl, board, 'revealed');
  facilitator.close();
  const agreed = row(laptop, 'trust.v1').getByTestId('agreed-marker');
  await expect(agreed).toBeVisible();
  expect(intersects(await box(chip(laptop, 'trust.v1')), await box(agreed))).toBe(false);
  await keepScreenshot(laptop, { path: 'test-results/laptop-participant-revealed.png' });
  expect(
    intersects(
      await box(chip(laptop, 'trust.v1')),
      await box(row(laptop, 'trust.v1').getByTestId('median')),
    ),
  ).toBe(false);
  await context.close();
});
