/**
 * The facilitator's people: a proxy for someone without a device, removing a participant, and
 * reasons shown without names once revealed.
 */
import { fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { chip, createBoardViaApi, joinAs, keyboardPlace, newPage, peek, row } from './helpers.ts';

test('the facilitator places cards for a proxy and removes a participant', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'People');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const ivy = await newPage(browser);
  await joinAs(ivy, board.joinUrl, 'Ivy');
  await keyboardPlace(ivy, 'culture.v1', 8);

  // A proxy: Omar has no device; the facilitator places his card.
  await facilitator.getByText(/^People \(/).click();
  await facilitator.getByLabel('Add someone without a device').fill('Omar');
  await facilitator.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(facilitator.getByRole('combobox', { name: 'Place cards for' })).toHaveValue(/.+/);
  await keyboardPlace(facilitator, 'culture.v1', 2);
  await expect(chip(facilitator, 'culture.v1')).toHaveAttribute('data-position', '0.2');
  await expect(ivy.getByTestId('everyone').locator('li', { hasText: 'Omar' })).toContainText(
    '1 of 48',
  );

  // Removing Ivy: her placement leaves the figures and her browser is told.
  facilitator.once('dialog', (dialog) => dialog.accept());
  await facilitator
    .locator('.people-list li', { hasText: 'Ivy' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(ivy.getByTestId('board-ended')).toHaveAttribute('data-ended', 'removed');
  await expect(
    ivy.getByRole('heading', { name: 'You were removed from this board' }),
  ).toBeVisible();
  await facilitator.getByRole('combobox', { name: 'Place cards for' }).selectOption('');
  await peek(facilitator);
  await expect(row(facilitator, 'culture.v1').getByTestId('placement-dot')).toHaveCount(1);
  await expect(facilitator.getByTestId('room-progress')).toHaveAttribute('data-total', '1');
});

test('reasons travel with placements and show without names once revealed', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Reasons');
  // Two others place it too: with fewer than three, the room sees nothing of the group.
  await fillBoard(server.baseUrl, board, [
    { name: 'Lou', placements: { 'learning.v1': 0.5 } },
    { name: 'Max', placements: { 'learning.v1': 0.6 } },
  ]);
  const kim = await newPage(browser);
  await joinAs(kim, board.joinUrl, 'Kim');
  await keyboardPlace(kim, 'learning.v1', 3);
  await row(kim, 'learning.v1').getByRole('button', { name: 'Add a reason' }).click();
  await row(kim, 'learning.v1').getByRole('textbox').fill('Training is still separate');
  await row(kim, 'learning.v1').getByRole('button', { name: 'Save' }).click();
  await expect(row(kim, 'learning.v1').getByTestId('reasons')).toHaveCount(0); // silent round

  await setBoardPhase(server.baseUrl, board, 'revealed');
  const reasons = row(kim, 'learning.v1').getByTestId('reasons');
  await reasons.getByText('One reason given').click();
  await expect(reasons).toContainText('“Training is still separate”');
  await expect(reasons).not.toContainText('Kim');
});
