/**
 * Opening a board link (`/b/<id>#token=…`): the server is asked who the token is once (early,
 * while the app's scripts load), not again when the link is this browser's identity already, and
 * a token it does not know is refused in words. The board's websocket is opened by the same early
 * script and taken by the app; a device that holds nothing of the board asks to be sent all of it
 * as it connects (`fresh=1`), and is sent it compressed (permessage-deflate); once it keeps a
 * local copy, it does neither.
 */
import type { JoinResponse } from '../../shared/api.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, newPage } from './helpers.ts';

test('a board link is asked about once, its socket is the early script’s and compressed, and a device that keeps the board asks for none of it again', async ({
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
  // Who opened each websocket: the early script (its stack names early-me.js) or the app.
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const opened: boolean[] = [];
    (window as unknown as { earlySockets: boolean[] }).earlySockets = opened;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened.push(/early-me\.js/.test(new Error().stack ?? ''));
      }
    };
  });
  const byEarlyScript = () =>
    page.evaluate(() => (window as unknown as { earlySockets: boolean[] }).earlySockets);
  // The address as the board's page first shows (its skeleton lanes, before the first sync):
  // a page that knew at once who this is must have taken the token out of it by then.
  await page.addInitScript(() => {
    const seen = window as unknown as { addressAtBoard?: string };
    new MutationObserver((_, observer) => {
      if (!document.querySelector('main.lanes, .board-page')) return;
      seen.addressAtBoard = location.href;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const addressAtBoard = () =>
    page.evaluate(() => (window as unknown as { addressAtBoard?: string }).addressAtBoard);
  const sockets: { url: URL }[] = [];
  page.on('websocket', (socket) => sockets.push({ url: new URL(socket.url()) }));
  const fresh = () => sockets.map(({ url }) => url.searchParams.get('fresh'));
  // What the server agreed to in each socket's handshake.
  const extensions: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketHandshakeResponseReceived', ({ response }) => {
    const headers = Object.entries(response.headers);
    const agreed = headers.find(([name]) => name.toLowerCase() === 'sec-websocket-extensions');
    extensions.push(agreed?.[1] ?? '');
  });
  const link = `${server.baseUrl}/b/${board.boardId}#token=${joined.token}`;
  const firstCard = page.locator('[data-card-id]').first();

  await page.goto(link);
  await page.waitForURL(`${server.baseUrl}/b/${board.boardId}`); // the token left the address bar
  await expect(firstCard).toBeVisible();
  expect(await addressAtBoard()).toBe(`${server.baseUrl}/b/${board.boardId}`);
  expect(asked).toBe(1);
  expect(fresh()).toEqual(['1']);
  expect(extensions).toHaveLength(1);
  expect(extensions[0]).toContain('permessage-deflate');
  // One socket, opened by the early script and taken by the app.
  expect(await byEarlyScript()).toEqual([true]);
  // The local copy is written as the board arrives; the next opening starts from it.
  await expect.poll(() => page.evaluate(storedUpdates)).toBeGreaterThan(0);

  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForURL(`${server.baseUrl}/b/${board.boardId}`);
  await expect(firstCard).toBeVisible();
  expect(asked).toBe(1);
  expect(fresh()).toEqual(['1', null]);
  await expect.poll(() => extensions.length).toBe(2);
  expect(extensions[1]).toBe('');
  expect(await byEarlyScript()).toEqual([true]);
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

/** Updates kept in the browser's local copies (y-indexeddb's `updates` store), in the page. */
async function storedUpdates(): Promise<number> {
  let count = 0;
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    count += await new Promise<number>((resolve) => {
      const opening = indexedDB.open(name);
      opening.onsuccess = () => {
        const db = opening.result;
        if (!db.objectStoreNames.contains('updates')) {
          db.close();
          resolve(0);
          return;
        }
        const counting = db.transaction('updates').objectStore('updates').count();
        counting.onsuccess = () => {
          db.close();
          resolve(counting.result);
        };
        counting.onerror = () => resolve(0);
      };
      opening.onerror = () => resolve(0);
    });
  }
  return count;
}
