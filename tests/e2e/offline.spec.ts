/**
 * Flaky wifi: a participant whose connection drops keeps placing cards, told that they are kept
 * on this device; they even survive closing the tab, and reach the board once the page is open
 * again online.
 */

import { expect, test } from './fixtures.ts';
import { chip, createBoardViaApi, joinAs, keyboardPlace, newPage, peek, row } from './helpers.ts';

test('cards placed offline, even in a closed tab, reach the facilitator once back online', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Flaky wifi');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  await peek(facilitator);

  const context = await browser.newContext();
  let online = true;
  const open: { close(): Promise<void> }[] = [];
  // The venue's wifi: while it is down, every websocket of this browser is cut at once.
  await context.routeWebSocket(/\/ws\//, (ws) => {
    if (!online) {
      void ws.close({ code: 4000, reason: 'network down' });
      return;
    }
    ws.connectToServer();
    open.push({ close: () => ws.close({ code: 4000, reason: 'network down' }) });
  });
  const mia = await context.newPage();
  await joinAs(mia, board.joinUrl, 'Mia');
  await keyboardPlace(mia, 'trust.v1', 1);
  await expect(row(facilitator, 'trust.v1').getByTestId('placement-dot')).toHaveCount(1);

  online = false;
  for (const socket of open.splice(0)) await socket.close();
  await expect(mia.getByTestId('status-badge')).toHaveText(
    'Offline — your changes are kept on this device',
  );
  await keyboardPlace(mia, 'trust.v2', 3);
  await keyboardPlace(mia, 'trust.v3', 5);
  await keyboardPlace(mia, 'values.v1', 7);
  await expect(chip(mia, 'values.v1')).toHaveAttribute('data-position', '0.7');
  await expect(row(facilitator, 'trust.v2').getByTestId('placement-dot')).toHaveCount(0);
  await mia.close();

  online = true;
  const again = await context.newPage();
  await again.goto(`${server.baseUrl}/b/${board.boardId}`);
  await expect(again.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
  for (const cardId of ['trust.v2', 'trust.v3', 'values.v1']) {
    await expect(row(facilitator, cardId).getByTestId('placement-dot')).toHaveCount(1);
  }
  await expect(chip(again, 'trust.v3')).toHaveAttribute('data-position', '0.5');
});
