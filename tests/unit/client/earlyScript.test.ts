/**
 * The early script itself (client/public/early-me.js), run as the browser runs it, in a page
 * whose storage, databases, fetch and WebSocket are stand-ins: which board it opens a socket for
 * and with what, whether it asks `/me`, and what it tells the app about this device's copies of
 * the board (the app connects at once only when there is none, anyone's).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SCRIPT = readFileSync(
  fileURLToPath(new URL('../../../client/public/early-me.js', import.meta.url)),
  'utf8',
);

interface Page {
  path: string;
  hash?: string;
  stored?: { token: string; participantId: string };
  /** The device's IndexedDB database names; null where the browser cannot list them. */
  databases: string[] | null;
}

interface EarlySocket {
  socket: { url: string } | null;
  noBoardCopy: boolean;
  taken: boolean;
}

async function runEarlyScript(page: Page) {
  const opened: string[] = [];
  const asked: string[] = [];
  const timers: (() => void)[] = [];
  const window: Record<string, unknown> = {};
  const storage = new Map<string, string>();
  if (page.stored) storage.set('continuum:identity:b1', JSON.stringify(page.stored));
  const context = {
    window,
    location: { pathname: page.path, hash: page.hash ?? '', protocol: 'https:', host: 'x.test' },
    localStorage: { getItem: (key: string) => storage.get(key) ?? null },
    indexedDB: {
      databases: () =>
        page.databases === null
          ? Promise.reject(new Error('not allowed'))
          : Promise.resolve(page.databases.map((name) => ({ name }))),
    },
    fetch: (url: string) => {
      asked.push(url);
      return Promise.resolve({ ok: false });
    },
    WebSocket: class {
      binaryType = '';
      constructor(readonly url: string) {
        opened.push(url);
      }
      close() {}
    },
    // The 15 s give-up and the Intl warm-up: kept, not run.
    setTimeout: (run: () => void) => timers.push(run),
    navigator: { languages: ['en'] },
    Intl,
    URLSearchParams,
    JSON,
    Promise,
  };
  runInNewContext(SCRIPT, context);
  // The database list and the socket's opening are promise turns away.
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
  return {
    opened,
    asked,
    early: window.__continuumEarlySocket as EarlySocket | undefined,
  };
}

describe('the early script', () => {
  it('opens a new device’s socket for everything and tells the app it holds no copy', async () => {
    const { opened, asked, early } = await runEarlyScript({
      path: '/b/b1',
      hash: '#token=t1',
      databases: ['continuum:other-board:p9'],
    });
    expect(asked).toEqual(['/api/boards/b1/me']);
    expect(opened).toEqual(['wss://x.test/ws/b1?token=t1&fresh=1']);
    expect(early?.noBoardCopy).toBe(true);
  });

  it('does not say "no copy" when the device keeps someone’s copy of this board', async () => {
    // After "Not you?": the link is someone new to this browser, the copy another person's.
    const { opened, early } = await runEarlyScript({
      path: '/b/b1',
      hash: '#token=t1',
      databases: ['continuum:b1:p2'],
    });
    expect(opened).toEqual(['wss://x.test/ws/b1?token=t1&fresh=1']);
    expect(early?.noBoardCopy).toBe(false);
  });

  it('asks only for what a returning person’s copy lacks, and does not ask /me', async () => {
    const { opened, asked, early } = await runEarlyScript({
      path: '/b/b1',
      stored: { token: 't1', participantId: 'p1' },
      databases: ['continuum:b1:p1'],
    });
    expect(asked).toEqual([]);
    expect(opened).toEqual(['wss://x.test/ws/b1?token=t1']);
    expect(early?.noBoardCopy).toBe(false);
  });

  it('says nothing of copies where the databases cannot be listed', async () => {
    const { opened, early } = await runEarlyScript({
      path: '/b/b1',
      stored: { token: 't1', participantId: 'p1' },
      databases: null,
    });
    // Unknown: as if the copy were there, so the socket asks only for what it lacks.
    expect(opened).toEqual(['wss://x.test/ws/b1?token=t1']);
    expect(early?.noBoardCopy).toBe(false);
  });

  it('starts nothing off a board page, or without a token', async () => {
    const elsewhere = await runEarlyScript({ path: '/join/b1', databases: [] });
    expect(elsewhere.opened).toEqual([]);
    expect(elsewhere.early).toBeUndefined();
    const anonymous = await runEarlyScript({ path: '/b/b1', databases: [] });
    expect(anonymous.opened).toEqual([]);
    expect(anonymous.asked).toEqual([]);
  });
});
