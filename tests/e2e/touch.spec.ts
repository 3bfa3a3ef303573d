/** A participant on a phone places a card with a finger: a short press, then a drag. */
import { devices } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { chip, createBoardViaApi, joinAs, row } from './helpers.ts';

test('a finger drags a card onto the axis on a phone-sized screen', async ({ browser, server }) => {
  const board = await createBoardViaApi(server.baseUrl, 'Phones');
  const { viewport, deviceScaleFactor, isMobile, hasTouch, userAgent } = devices['Pixel 7'];
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor,
    isMobile,
    hasTouch,
    userAgent,
  });
  const phone = await context.newPage();
  await joinAs(phone, board.joinUrl, 'Eli');
  const target = chip(phone, 'trust.v1');
  await target.scrollIntoViewIfNeeded();
  const from = await target.boundingBox();
  const axis = await row(phone, 'trust.v1').locator('.axis').boundingBox();
  if (!from || !axis) throw new Error('chip or axis not visible');
  const cdp = await context.newCDPSession(phone);
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
  await phone.waitForTimeout(350); // a short press starts the drag, so a swipe still scrolls
  const endX = axis.x + 0.75 * axis.width;
  for (let step = 1; step <= 10; step++) {
    const x = start.x + ((endX - start.x) * step) / 10;
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x, y: start.y }],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect(chip(phone, 'trust.v1')).toHaveAttribute('data-position', /^0\.7[4-6]/);
});
