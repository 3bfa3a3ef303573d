/**
 * The core exercise of a retreat through the real server, a real SQLite file and real Chromium:
 * a facilitator creates a board, two participants join (link and code), one places a card with
 * the mouse and one with the keyboard only, everyone sees it live, and it all survives a reload
 * and a server restart.
 */

import { expect, test } from './fixtures.ts';
import {
  chip,
  createBoardViaApi,
  joinAs,
  keyboardPlace,
  mouseDrag,
  newPage,
  peek,
  row,
} from './helpers.ts';

test('create, join, place by mouse and keyboard, see it everywhere, keep it', async ({
  browser,
  server,
}) => {
  // The facilitator creates a board from the start page.
  const facilitator = await newPage(browser);
  await facilitator.goto(server.baseUrl);
  await facilitator.getByLabel('Title').fill('Spring retreat');
  await facilitator.getByRole('button', { name: 'Create board' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Spring retreat' })).toBeVisible();
  await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
  const joinCode = (await facilitator.getByTestId('join-code').textContent()) ?? '';
  const joinUrl = await facilitator.getByTestId('join-url').inputValue();
  expect(joinCode).toMatch(/^[A-Z2-9]{6,8}$/);
  // Six lanes, 48 cards, all unplaced.
  await expect(facilitator.locator('.element-lane')).toHaveCount(6);
  await expect(facilitator.locator('.card-row')).toHaveCount(48);

  // Ana joins with the link.
  const ana = await newPage(browser);
  await ana.goto(joinUrl);
  await ana.getByLabel('Your name').fill('Ana');
  await ana.getByRole('button', { name: 'Join the board' }).click();
  await expect(ana.getByText('You are Ana')).toBeVisible();
  await expect(ana.getByTestId('chip')).toHaveCount(48);

  // Ben types the code on the start page.
  const ben = await newPage(browser);
  await ben.goto(server.baseUrl);
  await ben.getByLabel('Code on the screen').fill(joinCode.toLowerCase());
  await ben.getByRole('button', { name: 'Continue' }).click();
  await ben.getByLabel('Your name').fill('Ben');
  await ben.getByRole('button', { name: 'Join the board' }).click();
  await expect(ben.getByText('You are Ben')).toBeVisible();

  // Presence: the facilitator sees both.
  const presence = facilitator.getByTestId('presence');
  await expect(presence).toContainText('Ana');
  await expect(presence).toContainText('Ben');

  // Ana drags with the mouse; while she drags, Ben and the facilitator see a ghost move.
  await mouseDrag(ana, 'trust.v1', 0.3, false);
  await expect(row(facilitator, 'trust.v1').getByTestId('drag-ghost')).toBeVisible();
  await expect(row(ben, 'trust.v1').getByTestId('drag-ghost')).toBeVisible();
  await ana.mouse.up();
  await expect(row(facilitator, 'trust.v1').getByTestId('drag-ghost')).toHaveCount(0);
  const anaChip = row(ana, 'trust.v1').getByTestId('chip');
  await expect(anaChip).toHaveAttribute('data-position', /^0\.(2[89]|3[01])/);
  const anaPosition = Number(await anaChip.getAttribute('data-position'));

  // Ben uses only the keyboard: space picks up, arrows move 1 %, Shift+arrows 10 %.
  const benChip = row(ben, 'trust.p1').getByTestId('chip');
  await benChip.focus();
  await ben.keyboard.press('Space');
  await ben.waitForTimeout(50);
  await ben.keyboard.press('ArrowRight'); // out of the tray onto 0 %
  for (let i = 0; i < 5; i++) await ben.keyboard.press('Shift+ArrowRight');
  await ben.keyboard.press('ArrowRight');
  await ben.keyboard.press('ArrowRight');
  await expect(ben.locator('#DndLiveRegion-0, [id^="DndLiveRegion"]').first()).toContainText(
    'Time spent to develop understanding',
  );
  await ben.keyboard.press('Space');
  await expect(row(ben, 'trust.p1').getByTestId('chip')).toHaveAttribute('data-position', '0.52');

  // The facilitator (peeking) sees both placements as dots; each participant sees only their own
  // chip and how many have placed.
  await expect(row(facilitator, 'trust.v1').getByTestId('placement-dot')).toHaveCount(0);
  await peek(facilitator);
  await expect(row(facilitator, 'trust.v1').getByTestId('placement-dot')).toHaveCount(1);
  await expect(row(facilitator, 'trust.p1').getByTestId('placement-dot')).toHaveCount(1);
  await expect(facilitator.getByTestId('room-progress')).toHaveAttribute('data-total', '2');
  await expect(facilitator.getByTestId('everyone')).toContainText('Ana');
  await expect(row(ana, 'trust.p1').getByTestId('chip')).toHaveAttribute('data-position', '');

  // A reload keeps Ana the same person with her placement.
  await ana.reload();
  await expect(ana.getByText('You are Ana')).toBeVisible();
  await expect(row(ana, 'trust.v1').getByTestId('chip')).toHaveAttribute(
    'data-position',
    String(anaPosition),
  );

  // Closing Ben's tab: he has just left (a phone that locks is still in the room a while).
  await ben.context().close();
  await expect(presence.locator('li', { hasText: 'Ben' }).last()).toContainText('just left');

  // A server restart keeps everything; the browsers reconnect by themselves.
  await server.stop('SIGTERM');
  await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'offline');
  await server.start();
  await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced', {
    timeout: 15_000,
  });
  await facilitator.reload();
  await peek(facilitator);
  await expect(row(facilitator, 'trust.v1').getByTestId('placement-dot')).toHaveCount(1);
  await expect(row(facilitator, 'trust.p1').getByTestId('placement-dot')).toHaveCount(1);
  await expect(row(ana, 'trust.v1').getByTestId('chip')).toHaveAttribute(
    'data-position',
    String(anaPosition),
  );
});

test('on a shared device, "Not you?" lets someone else join as themselves', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Shared laptop');
  const laptop = await newPage(browser);
  await joinAs(laptop, board.joinUrl, 'Fay');
  await keyboardPlace(laptop, 'systems.p1', 4);
  await laptop.getByRole('button', { name: 'Not you?' }).click();
  await laptop.getByLabel('Your name').fill('Gus');
  await laptop.getByLabel('Join code').fill(board.joinCode);
  await laptop.getByRole('button', { name: 'Join the board' }).click();
  await expect(laptop.getByText('You are Gus')).toBeVisible();
  // Gus starts with his own, unplaced cards; Fay's placement stays hers.
  await expect(chip(laptop, 'systems.p1')).toHaveAttribute('data-position', '');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  await peek(facilitator);
  await expect(row(facilitator, 'systems.p1').getByTestId('placement-dot')).toHaveCount(1);
});
