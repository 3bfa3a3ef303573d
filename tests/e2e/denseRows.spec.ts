/**
 * Dense rows that stay legible (issue 13): 60 placements on one card are 60 visible dots that
 * do not overlap, on the facilitator's laptop and on a phone; organisations with too few people
 * are named once per element; the perception gap reads small, notable or large.
 */
import type { Locator, Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { fillBoard, postJson, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { keepScreenshot, row } from './helpers.ts';

const ORGANISATIONS = ['County Health', 'Family Alliance', 'School District'];

/** `count` people in a tight cluster on trust.v1 (many at the very same spot), some on trust.v2. */
function crowd(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `Person ${i + 1}`,
    // Two from the School District only: too few to show anywhere.
    organisation: i < 2 ? 'School District' : i % 2 === 0 ? 'County Health' : 'Family Alliance',
    placements: {
      'trust.v1': i % 3 === 0 ? 0.55 : Math.round((0.45 + (i % 17) / 100) * 100) / 100,
      'trust.v2': i % 2 === 0 ? 0.3 : 0.7,
    },
  }));
}

async function overlappingPairs(dots: Locator): Promise<number> {
  const boxes = await dots.evaluateAll((elements) =>
    elements.map((element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  let pairs = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (!a || !b) continue;
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > 1 && dy > 1) pairs += 1;
    }
  }
  return pairs;
}

async function openFacilitator(page: Page, board: CreateBoardResponse) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(board.facilitatorUrl);
  await expect(row(page, 'trust.v1')).toBeVisible();
}

for (const count of [30, 60]) {
  test(`${count} placements on one card are ${count} dots, none on top of another`, async ({
    page,
    browser,
    server,
  }) => {
    test.setTimeout(180_000);
    const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
      title: `Dense ${count}`,
      organisations: ORGANISATIONS,
    });
    await fillBoard(server.baseUrl, board, crowd(count));
    await setBoardPhase(server.baseUrl, board, 'revealed');

    await openFacilitator(page, board);
    const dots = row(page, 'trust.v1').getByTestId('placement-dot');
    await expect(dots).toHaveCount(count);
    expect(await overlappingPairs(dots)).toBe(0);
    // The row grows to hold the stack, and no dot spills out of its row.
    const rowBox = await row(page, 'trust.v1').boundingBox();
    const lowest = await dots.evaluateAll((elements) =>
      Math.max(...elements.map((element) => element.getBoundingClientRect().bottom)),
    );
    expect(rowBox && lowest <= rowBox.y + rowBox.height).toBe(true);

    // Organisations: the School District's two are named once, on the element, never per card.
    const trust = page.locator('[data-element-id="trust"]');
    await expect(trust.getByTestId('hidden-organisations')).toHaveText(
      /Too few people per organisation to show their figures: School District/,
    );
    await expect(page.getByText(/too few to show/i)).toHaveCount(0);
    await expect(row(page, 'trust.v1').getByTestId('organisation-figures')).not.toContainText(
      'School District',
    );
    // A gap of a few points reads small; 40 points reads large, in words and in colour.
    const small = row(page, 'trust.v1').getByTestId('perception-gap');
    const large = row(page, 'trust.v2').getByTestId('perception-gap');
    await expect(small).toHaveAttribute('data-level', 'small');
    await expect(small).toContainText('small perception gap');
    await expect(large).toHaveAttribute('data-level', 'large');
    await expect(large).toHaveText('large perception gap 40%');
    const colour = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).color);
    expect(await colour(small)).not.toBe(await colour(large));
    if (count === 60) {
      await row(page, 'trust.v1').scrollIntoViewIfNeeded();
      await keepScreenshot(page, { path: 'test-results/dense-facilitator-60.png' });
    }

    // On a phone too.
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    const phone = await context.newPage();
    await phone.goto(board.joinUrl);
    await phone.getByLabel('Your name').fill('Late');
    await phone.getByLabel('Your organisation').selectOption('County Health');
    await phone.getByRole('button', { name: 'Join the board' }).click();
    const phoneDots = row(phone, 'trust.v1').getByTestId('placement-dot');
    await expect(phoneDots).toHaveCount(count);
    expect(await overlappingPairs(phoneDots)).toBe(0);
    if (count === 60) {
      await row(phone, 'trust.v1').scrollIntoViewIfNeeded();
      await keepScreenshot(phone, { path: 'test-results/dense-phone-60.png' });
    }
    await context.close();
  });
}
