/**
 * The wall view on participants' and the facilitator's boards: honest about cards without a
 * position (nobody placed them, or too few for the room to see), notes that never overlap and
 * whose text ends in an ellipsis rather than a line cut in half, and on a 360 px phone a list per
 * element ordered by position with no horizontal overflow.
 */
import type { Browser, Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { fillBoard, type Person, postJson, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { joinAs, keepScreenshot } from './helpers.ts';

const CARDS = rubricCards(ELEMENTS_OF_PARTNERSHIP);

function createBoard(baseUrl: string, title: string): Promise<CreateBoardResponse> {
  return postJson<CreateBoardResponse>(baseUrl, '/api/boards', { title });
}

async function participantOn(browser: Browser, board: CreateBoardResponse, phone: boolean) {
  const context = await browser.newContext(
    phone
      ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 800 } },
  );
  const page = await context.newPage();
  await joinAs(page, board.joinUrl, phone ? 'Phone' : 'Laptop');
  return page;
}

async function showWall(page: Page) {
  await page.getByRole('button', { name: 'Wall', exact: true }).click();
  await expect(page.getByTestId('wall-view')).toBeVisible();
}

function element(page: Page, elementId: string) {
  return page.locator(`[data-testid="wall-element"][data-element-id="${elementId}"]`);
}

/** 30 people placing every card around each card's own centre: dense rows. */
function room(size: number): Person[] {
  let state = 11;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const centre = Object.fromEntries(CARDS.map((card) => [card.id, 0.15 + random() * 0.7]));
  return Array.from({ length: size }, (_, i) => ({
    name: `Person ${i + 1}`,
    placements: Object.fromEntries(
      CARDS.map((card) => [
        card.id,
        Math.round(
          Math.min(1, Math.max(0, (centre[card.id] ?? 0.5) + (random() - 0.5) * 0.5)) * 100,
        ) / 100,
      ]),
    ),
  }));
}

test('"not placed yet" and "too few placements to show" are told apart, on every screen', async ({
  browser,
  server,
}) => {
  const board = await createBoard(server.baseUrl, 'Honest wall');
  // trust.v1 by three people (shown), trust.v2 by one and trust.v3 by two (too few to show);
  // the other five Trust cards by nobody.
  await fillBoard(server.baseUrl, board, [
    { name: 'A', placements: { 'trust.v1': 0.2, 'trust.v2': 0.5, 'trust.v3': 0.4 } },
    { name: 'B', placements: { 'trust.v1': 0.3, 'trust.v3': 0.6 } },
    { name: 'C', placements: { 'trust.v1': 0.4 } },
  ]);
  await setBoardPhase(server.baseUrl, board, 'revealed');

  const participant = await participantOn(browser, board, false);
  await showWall(participant);
  const trust = element(participant, 'trust');
  await expect(trust.getByTestId('wall-note')).toHaveCount(1);
  await expect(trust.getByTestId('wall-too-few')).toHaveText('2 cards: too few placements to show');
  await expect(trust.getByTestId('wall-not-placed')).toHaveText('5 not placed yet');
  await keepScreenshot(participant, { path: 'test-results/screens/wall-honest-1280x800.png' });

  // A narrow window (a tablet, a half-screen laptop): the axis ends shorten, nothing runs together.
  await participant.setViewportSize({ width: 800, height: 800 });
  const labels = await trust
    .locator('.wall-labels > *')
    .evaluateAll((spans) => spans.map((span) => span.getBoundingClientRect().toJSON() as DOMRect));
  for (const a of labels)
    for (const b of labels) {
      if (a === b || a.width === 0 || b.width === 0) continue;
      const apart =
        a.right <= b.left + 0.5 ||
        b.right <= a.left + 0.5 ||
        a.bottom <= b.top + 0.5 ||
        b.bottom <= a.top + 0.5;
      expect(apart).toBe(true);
    }
  await expect(trust.getByText('← Vendor', { exact: true })).toBeVisible();
  await keepScreenshot(participant, { path: 'test-results/screens/wall-honest-800x800.png' });

  // The facilitator sees the medians of any count: only the cards nobody placed lack a note.
  const facilitator = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await facilitator.goto(board.facilitatorUrl);
  await showWall(facilitator);
  const theirTrust = element(facilitator, 'trust');
  await expect(theirTrust.getByTestId('wall-note')).toHaveCount(3);
  await expect(theirTrust.getByTestId('wall-too-few')).toHaveCount(0);
  await expect(theirTrust.getByTestId('wall-not-placed')).toHaveText('5 not placed yet');

  // On a phone the same words, under a list.
  const phone = await participantOn(browser, board, true);
  await showWall(phone);
  await expect(element(phone, 'trust').getByTestId('wall-too-few')).toHaveText(
    '2 cards: too few placements to show',
  );
  await expect(element(phone, 'values').getByTestId('wall-not-placed')).toHaveText(
    '8 not placed yet',
  );
});

test('a room of 30 on the wall: notes never overlap, text ends in an ellipsis, the phone lists', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const board = await createBoard(server.baseUrl, 'Dense wall');
  await fillBoard(server.baseUrl, board, room(30));
  await setBoardPhase(server.baseUrl, board, 'revealed');

  const laptop = await participantOn(browser, board, false);
  await showWall(laptop);
  await expect(laptop.getByTestId('wall-note')).toHaveCount(CARDS.length);
  const notes = await laptop.getByTestId('wall-note').evaluateAll((elements) =>
    elements.map((note) => {
      const text = note.querySelector('.wall-note-text') as HTMLElement;
      const style = getComputedStyle(text);
      return {
        id: note.getAttribute('data-card-id'),
        element: note.closest('[data-element-id]')?.getAttribute('data-element-id'),
        rect: note.getBoundingClientRect().toJSON() as DOMRect,
        spills: note.scrollHeight > note.clientHeight + 1,
        // Whole lines only: the clamped text is a whole number of lines tall.
        lines: text.clientHeight / Number.parseFloat(style.lineHeight),
      };
    }),
  );
  expect(notes.filter((note) => note.spills).map((note) => note.id)).toEqual([]);
  for (const note of notes)
    expect(Math.abs(note.lines - Math.round(note.lines))).toBeLessThan(0.05);
  const overlapping: string[] = [];
  for (const a of notes)
    for (const b of notes) {
      if (a === b || a.element !== b.element) continue;
      const apart =
        a.rect.right <= b.rect.left + 0.5 ||
        b.rect.right <= a.rect.left + 0.5 ||
        a.rect.bottom <= b.rect.top + 0.5 ||
        b.rect.bottom <= a.rect.top + 0.5;
      if (!apart) overlapping.push(`${a.id}/${b.id}`);
    }
  expect(overlapping).toEqual([]);
  await keepScreenshot(laptop, {
    path: 'test-results/screens/wall-30-1280x800.png',
    fullPage: true,
  });

  const phone = await participantOn(browser, board, true);
  await showWall(phone);
  await expect(phone.getByTestId('wall-note')).toHaveCount(CARDS.length);
  const overflow = await phone.evaluate(
    () => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Each element is a list ordered by position, each card with its position as a percentage.
  const trust = element(phone, 'trust');
  const xs = await trust
    .getByTestId('wall-note')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-x'))));
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  await expect(trust.getByTestId('wall-note').first()).toContainText(/\d+%/);
  const rowWidth = (await trust.getByTestId('wall-note').first().boundingBox())?.width ?? 0;
  expect(rowWidth).toBeGreaterThan(280);
  await keepScreenshot(phone, { path: 'test-results/screens/wall-phone-360.png', fullPage: true });
  await element(phone, 'culture').scrollIntoViewIfNeeded();
  await keepScreenshot(phone, { path: 'test-results/screens/wall-phone-360-screen.png' });
});
