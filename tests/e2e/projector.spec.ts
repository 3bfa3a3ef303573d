/**
 * The projector in a room of 30: the whole board on one 16:9 screen at 1920×1080 and 1280×720
 * (no scrolling, all six elements inside the viewport) while people place and after the reveal;
 * the big progress count; the join panel hiding when joining closes and on demand; a deleted
 * board said in large type with no join code left on the wall. Screenshots of every phase.
 */
import type { Browser, Page } from '@playwright/test';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { setFinal, setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { startTimer } from '../../shared/timer.ts';
import {
  connect,
  fillBoard,
  type Person,
  postJson,
  setBoardControl,
  setBoardPhase,
} from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { keepScreenshot } from './helpers.ts';
import type { ServerProcess } from './serverProcess.ts';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;
const CARDS = rubricCards(ELEMENTS_OF_PARTNERSHIP);

/** A deterministic stand-in for Math.random, so every run fills the same board. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** `finished` people place every card around each card's own centre; the rest place some. */
function room(finished: number, partial: number): { done: Person[]; placing: Person[] } {
  const random = seeded(7);
  const centre = Object.fromEntries(CARDS.map((card) => [card.id, 0.1 + random() * 0.8]));
  const person = (name: string, share: number): Person => ({
    name,
    placements: Object.fromEntries(
      CARDS.slice(0, Math.round(CARDS.length * share)).map((card) => [
        card.id,
        Math.round(
          Math.min(1, Math.max(0, (centre[card.id] ?? 0.5) + (random() - 0.5) * 0.4)) * 100,
        ) / 100,
      ]),
    ),
  });
  return {
    done: Array.from({ length: finished }, (_, i) => person(`Person ${i + 1}`, 1)),
    placing: Array.from({ length: partial }, (_, i) =>
      person(`Late ${i + 1}`, (i + 1) / (partial + 2)),
    ),
  };
}

/** Someone still at it: joined, connected and present (awareness), some cards placed. */
async function joinLive(server: ServerProcess, board: CreateBoardResponse, person: Person) {
  const joined = await postJson<JoinResponse>(
    server.baseUrl,
    `/api/boards/${board.boardId}/participants`,
    { joinCode: board.joinCode, name: person.name },
  );
  const client = await connect(server.baseUrl, board.boardId, joined.token);
  client.provider.awareness.setLocalState({
    user: { participantId: joined.participantId },
    drag: null,
  });
  for (const [cardId, x] of Object.entries(person.placements)) {
    setPlacement(
      client.doc,
      joined.participantId,
      cardId,
      { x, round: 1, at: Date.now() },
      'local',
    );
  }
  return client;
}

async function projectorLink(server: ServerProcess, board: CreateBoardResponse): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/observer-links`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: '{}',
  });
  if (!response.ok) throw new Error(`observer-links: ${response.status}`);
  return ((await response.json()) as { url: string }).url;
}

async function openProjector(
  browser: Browser,
  url: string,
  size: { width: number; height: number },
) {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId('projector')).toBeVisible();
  return page;
}

/** The page does not scroll either way, and every element's section is inside the viewport. */
async function expectFits(page: Page, sectionSelector: string, count: number) {
  const fit = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(fit.scrollHeight).toBeLessThanOrEqual(fit.innerHeight);
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
  const sections = page.locator(sectionSelector);
  await expect(sections).toHaveCount(count);
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  for (const section of await sections.all()) {
    const box = await section.boundingBox();
    expect(box).not.toBeNull();
    if (!box) continue;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 0.5);
  }
}

/** Every note's text stays inside its box: clamped with an ellipsis, never cut mid-line. */
async function expectNotesInsideTheirBoxes(page: Page) {
  const spill = await page
    .getByTestId('wall-note')
    .evaluateAll((notes) =>
      notes
        .filter((note) => note.scrollHeight > note.clientHeight + 1)
        .map((note) => note.getAttribute('data-card-id')),
    );
  expect(spill).toEqual([]);
}

/** Notes in one element never overlap one another. */
async function expectNoOverlap(page: Page) {
  const overlaps = await page.locator('[data-testid="wall-element"]').evaluateAll((sections) => {
    const found: string[] = [];
    for (const section of sections) {
      const boxes = [...section.querySelectorAll('[data-testid="wall-note"]')].map((note) => ({
        id: note.getAttribute('data-card-id'),
        rect: note.getBoundingClientRect(),
      }));
      for (const a of boxes)
        for (const b of boxes) {
          if (a === b) continue;
          const apart =
            a.rect.right <= b.rect.left + 0.5 ||
            b.rect.right <= a.rect.left + 0.5 ||
            a.rect.bottom <= b.rect.top + 0.5 ||
            b.rect.bottom <= a.rect.top + 0.5;
          if (!apart) found.push(`${a.id}/${b.id}`);
        }
    }
    return found;
  });
  expect(overlaps).toEqual([]);
}

/** The wall has laid itself out for its box: no element clipped by the wall's edge. */
async function expectWallSettled(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const wall = document.querySelector('[data-testid="wall-view"]');
        if (!wall) return 'no wall';
        const edge = wall.getBoundingClientRect();
        const clipped = [...wall.querySelectorAll('[data-testid="wall-element"]')].filter(
          (section) => {
            const box = section.getBoundingClientRect();
            return box.bottom > edge.bottom + 0.5 || box.right > edge.right + 0.5;
          },
        );
        return clipped.length;
      }),
    )
    .toBe(0);
}

async function shoot(page: Page, name: string) {
  await keepScreenshot(page, {
    path: `test-results/screens/projector-${name}.png`,
    fullPage: true,
  });
}

test.describe.configure({ timeout: 240_000 });

test('a room of 30: the projector fits one screen in every phase at 1920×1080 and 1280×720', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Northside Partnership retreat — where do we stand?',
  });
  await setBoardPhase(server.baseUrl, board, 'setup');
  const url = await projectorLink(server, board);
  const projectors = await Promise.all(SIZES.map((size) => openProjector(browser, url, size)));
  const label = (page: Page) => `${page.viewportSize()?.width}x${page.viewportSize()?.height}`;

  for (const page of projectors) {
    await expect(page.getByTestId('qr-code')).toBeVisible();
    await expect(page.getByTestId('join-code')).toHaveText(board.joinCode);
    await expectFits(page, '[data-testid="projector-element"]', 6);
    await shoot(page, `setup-${label(page)}`);
  }

  await setBoardPhase(server.baseUrl, board, 'placing');
  const people = room(21, 8);
  await fillBoard(server.baseUrl, board, people.done);
  const live = await Promise.all(people.placing.map((person) => joinLive(server, board, person)));
  await setBoardControl(server.baseUrl, board, 'timer', startTimer(5 * 60_000, Date.now()));
  for (const page of projectors) {
    const progress = page.getByTestId('room-progress');
    await expect(progress).toHaveAttribute('data-total', '29');
    await expect(progress).toHaveAttribute('data-finished', '21');
    await expect(progress).toContainText('21 of 29 finished');
    await expect(progress).toContainText('8 still placing');
    await expect(page.getByTestId('timer')).toBeVisible();
    await expect(page.getByTestId('qr-code')).toBeVisible();
    await expectFits(page, '[data-testid="projector-element"]', 6);
    await shoot(page, `placing-${label(page)}`);
  }
  for (const client of live) client.close();

  await setBoardPhase(server.baseUrl, board, 'revealed');
  await setBoardControl(server.baseUrl, board, 'focusCardId', 'resources.p1');
  for (const page of projectors) {
    await expect(page.getByTestId('wall-view')).toBeVisible();
    await expect(page.getByTestId('projector-focus')).toBeVisible();
    await expect(page.getByTestId('wall-note')).toHaveCount(CARDS.length);
    await expectWallSettled(page);
    await shoot(page, `revealed-${label(page)}`);
    // Joining is still open: the QR code stays, smaller.
    await expect(page.getByTestId('qr-code')).toBeVisible();
    await expect(page.getByTestId('wall-note')).toHaveCount(CARDS.length);
    await expectFits(page, '[data-testid="wall-element"]', 6);
    await expectNotesInsideTheirBoxes(page);
    await expectNoOverlap(page);
    await expect(page.getByTestId('wall-view')).toHaveAttribute('data-pages', '1');
  }

  await setBoardControl(server.baseUrl, board, 'joinOpen', false);
  await setBoardPhase(server.baseUrl, board, 'discussing');
  for (const page of projectors) {
    await expect(page.getByTestId('qr-code')).toHaveCount(0);
    await expect(page.getByTestId('join-code')).toHaveCount(0);
    await expectWallSettled(page);
    await shoot(page, `discussing-${label(page)}`);
    await expectFits(page, '[data-testid="wall-element"]', 6);
    await expectNotesInsideTheirBoxes(page);
  }

  const facilitator = await connect(server.baseUrl, board.boardId, board.facilitatorToken);
  for (const card of CARDS.slice(0, 20)) {
    setFinal(facilitator.doc, card.id, { x: 0.5, note: '' }, 'local');
  }
  facilitator.close();
  await setBoardPhase(server.baseUrl, board, 'final');
  for (const page of projectors) {
    await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'final');
    await expectWallSettled(page);
    await shoot(page, `final-${label(page)}`);
    await expectFits(page, '[data-testid="wall-element"]', 6);
    await expectNotesInsideTheirBoxes(page);
  }
});

test('the join panel hides on demand (remembered for the board) and when joining closes', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Join panel',
  });
  const url = await projectorLink(server, board);
  const page = await openProjector(browser, url, SIZES[0]);
  await expect(page.getByTestId('qr-code')).toBeVisible();

  // Keyboard only: the toggle is a button in the tab order.
  await page.getByTestId('join-toggle').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('qr-code')).toHaveCount(0);
  await expect(page.getByTestId('join-code')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show join code' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('projector')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show join code' })).toBeVisible();
  await expect(page.getByTestId('qr-code')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show join code' }).click();
  await expect(page.getByTestId('join-code')).toHaveText(board.joinCode);

  await setBoardControl(server.baseUrl, board, 'joinOpen', false);
  await expect(page.getByTestId('qr-code')).toHaveCount(0);
  await expect(page.getByTestId('join-code')).toHaveCount(0);
  await expect(page.getByTestId('join-toggle')).toHaveCount(0);
});

test('a deleted board says so in large type and shows no join code or QR', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Soon deleted',
  });
  const url = await projectorLink(server, board);
  const page = await openProjector(browser, url, SIZES[1]);
  await expect(page.getByTestId('join-code')).toHaveText(board.joinCode);

  const response = await fetch(`${server.baseUrl}/api/boards/${board.boardId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${board.facilitatorToken}` },
  });
  expect(response.status).toBe(204);
  const heading = page.getByRole('heading', { name: 'This board was deleted' });
  await expect(heading).toBeVisible();
  const size = await heading.evaluate((element) =>
    Number.parseFloat(getComputedStyle(element).fontSize),
  );
  expect(size).toBeGreaterThanOrEqual(40);
  await expect(page.getByTestId('qr-code')).toHaveCount(0);
  await expect(page.getByTestId('join-code')).toHaveCount(0);
  await expect(page.getByText(board.joinCode)).toHaveCount(0);
  await shoot(page, 'deleted-1280x720');
});

test('a projector that lost the server says "Reconnecting…" over the last board it had', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Unplugged',
  });
  const url = await projectorLink(server, board);
  const page = await openProjector(browser, url, SIZES[0]);
  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
  await server.stop('SIGKILL');
  await expect(page.getByTestId('projector-reconnecting')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Unplugged' })).toBeVisible();
  await expect(page.getByTestId('projector-element')).toHaveCount(6);
  await shoot(page, 'reconnecting-1920x1080');
  await server.start();
  await expect(page.getByTestId('projector-reconnecting')).toHaveCount(0, { timeout: 30_000 });
});

test('a wall too big for the screen pages to the focused card, and the arrow keys turn pages', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Small screen',
  });
  await setBoardPhase(server.baseUrl, board, 'revealed');
  await setBoardControl(server.baseUrl, board, 'joinOpen', false);
  // A small window: the seed rubric cannot fit at legible type, so the wall pages.
  const page = await openProjector(browser, await projectorLink(server, board), {
    width: 800,
    height: 450,
  });
  const wall = page.getByTestId('wall-view');
  await expect(wall).toHaveAttribute('data-pages', /^[2-9]$/);
  await expect(wall).toHaveAttribute('data-page', '1');
  await expect(page.getByTestId('wall-page')).toContainText('Page 1 of');
  await expect(page.locator('[data-testid="wall-element"][data-element-id="trust"]')).toBeVisible();

  await setBoardControl(server.baseUrl, board, 'focusCardId', 'systems.p4');
  const systems = page.locator('[data-testid="wall-element"][data-element-id="systems"]');
  await expect(systems).toBeVisible();
  await expect(wall).not.toHaveAttribute('data-page', '1');
  const last = await wall.getAttribute('data-page');
  await page.keyboard.press('ArrowLeft');
  await expect(wall).toHaveAttribute('data-page', String(Number(last) - 1));
  await expect(systems).toHaveCount(0);
  const fit = await page.evaluate(
    () => (document.scrollingElement?.scrollHeight ?? 0) - window.innerHeight,
  );
  expect(fit).toBeLessThanOrEqual(0);
  await shoot(page, 'paged-800x450');
});
