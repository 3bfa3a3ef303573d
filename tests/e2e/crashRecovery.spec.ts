/**
 * kill -9 while people are dragging: the browsers reconnect by themselves and nothing a browser
 * had is lost, including what a participant placed while the server was down.
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

test('a kill -9 mid-drag loses nothing and everyone reconnects by themselves', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Crash test');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  await peek(facilitator);
  const cleo = await newPage(browser);
  await joinAs(cleo, board.joinUrl, 'Cleo');

  await keyboardPlace(cleo, 'trust.v1', 2);
  await keyboardPlace(cleo, 'trust.v2', 7, 3);
  await expect(row(facilitator, 'trust.v2').getByTestId('placement-dot')).toHaveCount(1);

  // Cleo is in the middle of a drag when the server dies.
  await mouseDrag(cleo, 'trust.v3', 0.6, false);
  await server.stop('SIGKILL');
  await cleo.mouse.up();
  await expect(cleo.getByTestId('status-badge')).toHaveAttribute('data-status', 'offline');
  await expect(chip(cleo, 'trust.v3')).toHaveAttribute('data-position', /^0\.(59|6|61)/);
  // …and keeps working offline.
  await keyboardPlace(cleo, 'values.p1', 9);
  await expect(chip(cleo, 'values.p1')).toHaveAttribute('data-position', '0.9');

  await server.start();
  await expect(cleo.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced', {
    timeout: 15_000,
  });
  await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced', {
    timeout: 15_000,
  });
  for (const cardId of ['trust.v1', 'trust.v2', 'trust.v3', 'values.p1']) {
    await expect(row(facilitator, cardId).getByTestId('placement-dot')).toHaveCount(1);
  }
  // Presence comes back with the connection.
  await expect(facilitator.getByTestId('presence')).toContainText('Cleo');
  // And it is stored: a fresh browser sees the same.
  const late = await newPage(browser);
  await late.goto(board.facilitatorUrl);
  await peek(late);
  for (const cardId of ['trust.v1', 'trust.v2', 'trust.v3', 'values.p1']) {
    await expect(row(late, cardId).getByTestId('placement-dot')).toHaveCount(1);
  }
});

test('a placed card can be moved again and sent back to the tray', async ({ browser, server }) => {
  const board = await createBoardViaApi(server.baseUrl, 'Moves');
  const dana = await newPage(browser);
  await joinAs(dana, board.joinUrl, 'Dana');
  await keyboardPlace(dana, 'learning.p2', 5);
  await expect(chip(dana, 'learning.p2')).toHaveAttribute('data-position', '0.5');
  // Move it again with the keyboard: Shift+Left twice.
  await chip(dana, 'learning.p2').focus();
  await dana.keyboard.press('Space');
  await dana.waitForTimeout(50);
  await dana.keyboard.press('Shift+ArrowLeft');
  await dana.keyboard.press('Shift+ArrowLeft');
  await dana.keyboard.press('Space');
  await expect(chip(dana, 'learning.p2')).toHaveAttribute('data-position', '0.3');
  // Drag the placed chip with the mouse: it lands where the pointer lets go, not half a chip off.
  await mouseDrag(dana, 'learning.p2', 0.8);
  await expect(chip(dana, 'learning.p2')).toHaveAttribute('data-position', /^0\.(79|8|81)/);
  // Drag it back into its tray with the mouse.
  await mouseDrag(dana, 'learning.p2', -0.15);
  await expect(chip(dana, 'learning.p2')).toHaveAttribute('data-position', '');
  // And the button does the same.
  await keyboardPlace(dana, 'learning.p3', 1);
  await row(dana, 'learning.p3').getByRole('button', { name: 'Back to tray' }).click();
  await expect(chip(dana, 'learning.p3')).toHaveAttribute('data-position', '');
});
