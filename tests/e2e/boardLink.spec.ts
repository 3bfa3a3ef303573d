/**
 * Opening a board link (`/b/<id>#token=…`): the server is asked who the token is once (early,
 * while the app's scripts load), not again when the link is this browser's identity already, and
 * a token it does not know is refused in words.
 */
import type { JoinResponse } from '../../shared/api.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, newPage } from './helpers.ts';

test('a board link is asked about once, and not again once it is this browser’s identity', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Link asked once');
  // A participant's link: a facilitator's board asks /me again for its join code.
  const joined = (await (
    await fetch(`${server.baseUrl}/api/boards/${board.boardId}/participants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ joinCode: board.joinCode, name: 'Ana' }),
    })
  ).json()) as JoinResponse;
  const page = await newPage(browser);
  let asked = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/me')) asked += 1;
  });
  const link = `${server.baseUrl}/b/${board.boardId}#token=${joined.token}`;
  const firstCard = page.locator('[data-card-id]').first();

  await page.goto(link);
  await page.waitForURL(`${server.baseUrl}/b/${board.boardId}`); // the token left the address bar
  await expect(firstCard).toBeVisible();
  expect(asked).toBe(1);

  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForURL(`${server.baseUrl}/b/${board.boardId}`);
  await expect(firstCard).toBeVisible();
  expect(asked).toBe(1);
});

test('a link whose token the server does not know cannot be opened', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Unknown token');
  const page = await newPage(browser);
  await page.goto(`${server.baseUrl}/b/${board.boardId}#token=not-a-token`);
  await expect(page.getByText('This link is not valid for this board.')).toBeVisible();
});
