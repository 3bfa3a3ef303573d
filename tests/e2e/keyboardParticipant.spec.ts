/**
 * A participant who uses only the keyboard: joins through the join form (typing, Tab, Enter),
 * then places every card of one element, reaching each card's handle with Tab and moving it with
 * the arrow keys, and hears each drop. No mouse, no `focus()` from the test.
 */
import type { Page } from '@playwright/test';
import { ELEMENTS_OF_PARTNERSHIP } from '../../shared/rubric.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, newPage } from './helpers.ts';

const TRUST = ELEMENTS_OF_PARTNERSHIP.elements.find((element) => element.id === 'trust');

/** Presses Tab until the focused element matches `selector`, as a keyboard user would. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 200; presses++) {
    if (
      await page.evaluate((wanted) => document.activeElement?.matches(wanted) === true, selector)
    ) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard never reached ${selector}`);
}

test('a keyboard-only participant joins and places every card of an element', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  if (!TRUST) throw new Error('no Trust element');
  const board = await createBoardViaApi(server.baseUrl, 'Keyboard only');
  const page = await newPage(browser);
  await page.goto(board.joinUrl);

  await tabTo(page, '#display-name');
  await page.keyboard.type('Kim');
  await page.keyboard.press('Enter');
  await expect(page.getByText('You are Kim')).toBeVisible();

  for (const [index, card] of TRUST.cards.entries()) {
    const handle = `[data-card-id="${card.id}"] [data-testid="chip"]`;
    await tabTo(page, handle);
    // Space picks up; the first arrow puts the handle at 0 %; Shift+→ is 10 % more.
    await page.keyboard.press('Space');
    await page.waitForTimeout(50); // the sensor listens for keys from the next tick on
    await page.keyboard.press('ArrowRight');
    const tenths = 1 + (index % 8);
    for (let step = 0; step < tenths; step++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Space');
    await expect
      .poll(async () => Number(await page.locator(handle).getAttribute('data-position')))
      .toBeCloseTo(tenths / 10, 2);
    await expect(page.getByTestId('live-polite')).toContainText(card.text);
  }
  await expect(
    page.getByText(`All ${TRUST.cards.length} of your cards placed`).first(),
  ).toBeVisible();
});
