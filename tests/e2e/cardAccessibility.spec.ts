/**
 * A card on its track for screen-reader and keyboard users: a participant places a card with the
 * keyboard only and hears where it went; the card's slider carries its text, element and
 * position in words, and once revealed the group's figures; a facilitator records the agreed
 * position on the card's own track with the keyboard only; in Spanish the words are Spanish.
 */
import type { Browser, Page } from '@playwright/test';
import { fillBoard, type Person } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import {
  chip,
  confirmPhase,
  createBoardViaApi,
  joinAs,
  keyboardPlace,
  newPage,
  row,
} from './helpers.ts';

const CARD = 'trust.v1';
const CARD_TEXT = 'Relationship building occurs through work';

/** The same page of the board in another language (`?lang=` before the address's #token). */
function inLanguage(url: string, lang: string): string {
  const [before, hash] = url.split('#');
  const address = new URL(before ?? url);
  address.searchParams.set('lang', lang);
  return hash === undefined ? address.toString() : `${address.toString()}#${hash}`;
}

/** Ben and Cleo place the card too (through the server, not a browser): with Ana at 72 %, the
 * median is 72 %. */
const OTHERS: Person[] = [
  { name: 'Ben', placements: { [CARD]: 0.6 } },
  { name: 'Cleo', placements: { [CARD]: 0.8 } },
];

async function anaJoins(browser: Browser, joinUrl: string): Promise<Page> {
  const ana = await newPage(browser);
  await joinAs(ana, joinUrl, 'Ana');
  return ana;
}

test('a keyboard-only participant places a card, hears it, and the card tells its text, element, position and the group', async ({
  browser,
  server,
}) => {
  test.setTimeout(90_000);
  const board = await createBoardViaApi(server.baseUrl, 'Screen readers');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const ana = await anaJoins(browser, board.joinUrl);

  // Before placing: a slider named by the card and its element, still in the tray.
  const anaChip = chip(ana, CARD);
  await expect(anaChip).toHaveAttribute('role', 'slider');
  await expect(anaChip).toHaveAccessibleName(new RegExp(`${CARD_TEXT}.*Trust`));
  await expect(anaChip).toHaveAttribute('aria-valuetext', 'not placed yet, in the tray');

  // Keyboard only: pick up, 0 %, seven big steps and two small ones, drop: 72 %.
  await keyboardPlace(ana, CARD, 7, 2);
  await expect(anaChip).toHaveAttribute('data-position', '0.72');
  await expect(ana.getByTestId('live-polite')).toHaveText(
    `Placed “${CARD_TEXT}” at 72% toward High Performance Partnership.`,
  );
  await expect(anaChip).toHaveAttribute(
    'aria-valuetext',
    '72% toward High Performance Partnership',
  );
  const placed = await anaChip.ariaSnapshot();
  expect(placed).toContain('slider');
  expect(placed).toContain(CARD_TEXT);
  expect(placed).toContain('Trust');
  // Focus comes back to the chip on its track, so the next keys move it again.
  await expect(anaChip).toBeFocused();

  // Once revealed, the chip is described by the group's figures.
  await fillBoard(server.baseUrl, board, OTHERS);
  await confirmPhase(facilitator, 'Revealed');
  await expect(row(ana, CARD).getByTestId('consensus-label')).toBeVisible();
  await expect(anaChip).toHaveAccessibleDescription(/median 72%, .+, 3 of 3 placed/);
});

test('a facilitator records the agreed position on the card’s own track with the keyboard only', async ({
  browser,
  server,
}) => {
  test.setTimeout(90_000);
  const board = await createBoardViaApi(server.baseUrl, 'Keyboard agreement');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const ana = await anaJoins(browser, board.joinUrl);
  await keyboardPlace(ana, CARD, 7, 2);
  await fillBoard(server.baseUrl, board, OTHERS);
  await confirmPhase(facilitator, 'Revealed');

  const track = row(facilitator, CARD);
  const record = track.getByRole('button', { name: 'Record the agreed position' });
  await record.focus();
  await facilitator.keyboard.press('Enter');
  // The slider lies on the card's own line and has the focus, starting at the median.
  const slider = track.locator('.axis').getByRole('slider');
  await expect(slider).toBeFocused();
  await expect(slider).toHaveAttribute('aria-valuetext', '72% toward High Performance Partnership');
  await expect(slider).toHaveAccessibleDescription(/median 72%/);
  await facilitator.keyboard.press('Home');
  for (let i = 0; i < 6; i++) await facilitator.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 5; i++) await facilitator.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '65% toward High Performance Partnership');
  await facilitator.keyboard.press('Enter');
  await expect(row(ana, CARD).getByTestId('agreed-text')).toHaveText('agreed 65%');
  await expect(row(ana, CARD).getByTestId('agreed-marker')).toBeVisible();

  // Changing it with a note: Tab reaches the note, Enter saves; Escape on a reopened one cancels.
  const change = track.getByRole('button', { name: 'Change the agreed position' });
  await expect(change).toBeFocused();
  await facilitator.keyboard.press('Enter');
  await expect(slider).toBeFocused();
  await facilitator.keyboard.press('End');
  await facilitator.keyboard.press('Tab');
  await expect(track.getByLabel('Note')).toBeFocused();
  await facilitator.keyboard.type('Almost a partnership');
  await facilitator.keyboard.press('Enter');
  await expect(row(ana, CARD).getByTestId('agreed-text')).toHaveText(
    'agreed 100% — Almost a partnership',
  );
  await expect(change).toBeFocused();
  await facilitator.keyboard.press('Enter');
  await facilitator.keyboard.press('Home');
  await facilitator.keyboard.press('Escape');
  await expect(track.getByTestId('agreement-form')).toHaveCount(0);
  await expect(change).toBeFocused();
  await expect(row(ana, CARD).getByTestId('agreed-text')).toHaveText(
    'agreed 100% — Almost a partnership',
  );
});

test('in Spanish the card’s value text and the agreed-position slider speak Spanish', async ({
  browser,
  server,
}) => {
  test.setTimeout(90_000);
  const board = await createBoardViaApi(server.baseUrl, 'Español');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const ana = await anaJoins(browser, board.joinUrl);
  // Ana reads Spanish: the same board, asked in Spanish.
  await ana.goto(inLanguage(ana.url(), 'es'));
  await expect(chip(ana, CARD)).toHaveAttribute('aria-valuetext', 'aún sin colocar, en la bandeja');
  await keyboardPlace(ana, CARD, 7, 2);
  await expect(chip(ana, CARD)).toHaveAttribute(
    'aria-valuetext',
    '72\u00a0% hacia Alianza de Alto Rendimiento',
  );
  await expect(ana.getByTestId('live-polite')).toContainText('Colocaste');
  await fillBoard(server.baseUrl, board, OTHERS);
  await confirmPhase(facilitator, 'Revealed');
  await expect(chip(ana, CARD)).toHaveAccessibleDescription(
    /mediana 72\u00a0%, .+, 3 de 3 la colocaron/,
  );

  const spanish = await newPage(browser);
  await spanish.goto(inLanguage(board.facilitatorUrl, 'es'));
  await row(spanish, CARD).getByRole('button', { name: 'Registrar la posición acordada' }).click();
  await expect(row(spanish, CARD).getByRole('slider')).toHaveAttribute(
    'aria-valuetext',
    '72\u00a0% hacia Alianza de Alto Rendimiento',
  );
});
