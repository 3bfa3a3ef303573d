/**
 * The facilitator's screen in a room of thirty: a header that stays compact (counts instead of
 * faces, tools in one bar whose panels open on demand), counts that match the placements, phase
 * changes that ask before revealing or locking, a new round behind a cancellable countdown, and
 * a timer that a locked board can still stop.
 */
import type { Page } from '@playwright/test';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { setControl, setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { type Connected, connect, type Person, postJson } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import {
  axeViolations,
  confirmPhase,
  joinAs,
  keepScreenshot,
  newPage,
  openPanel,
} from './helpers.ts';

const CARDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
const SCREENS = 'test-results/screens/facilitator';

function placements(count: number): Record<string, number> {
  return Object.fromEntries(CARDS.slice(0, count).map((id, i) => [id, (i % 10) / 10]));
}

/** 30 people: 20 with every card placed, 5 one card short, 5 with ten; two are called Sam. */
function room(): Person[] {
  return Array.from({ length: 30 }, (_, i) => ({
    name: i === 3 || i === 27 ? 'Sam' : `Person ${i + 1}`,
    placements: placements(i < 20 ? CARDS.length : i < 25 ? CARDS.length - 1 : 10),
  }));
}

/** Joins each person with a stock client that stays connected (here), and places their cards. */
async function joinRoom(
  baseUrl: string,
  board: CreateBoardResponse,
  people: readonly Person[],
): Promise<Connected[]> {
  const clients: Connected[] = [];
  for (const person of people) {
    const joined = await postJson<JoinResponse>(
      baseUrl,
      `/api/boards/${board.boardId}/participants`,
      { joinCode: board.joinCode, name: person.name },
    );
    const client = await connect(baseUrl, board.boardId, joined.token);
    client.provider.awareness.setLocalStateField('user', { participantId: joined.participantId });
    for (const [cardId, x] of Object.entries(person.placements)) {
      setPlacement(
        client.doc,
        joined.participantId,
        cardId,
        { x, round: 1, at: Date.now() },
        'local',
      );
    }
    clients.push(client);
  }
  return clients;
}

async function addFinishedProxy(baseUrl: string, board: CreateBoardResponse): Promise<void> {
  const response = await fetch(`${baseUrl}/api/boards/${board.boardId}/proxies`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: JSON.stringify({ name: 'Pat' }),
  });
  const { participantId } = (await response.json()) as { participantId: string };
  const desk = await connect(baseUrl, board.boardId, board.facilitatorToken);
  for (const [cardId, x] of Object.entries(placements(CARDS.length))) {
    setPlacement(desk.doc, participantId, cardId, { x, round: 1, at: Date.now() }, 'local');
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  desk.close();
}

async function facilitatorAt1280(page: Page, board: CreateBoardResponse): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(board.facilitatorUrl);
  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
}

async function headerBox(page: Page) {
  const header = await page.getByTestId('board-header').boundingBox();
  const lane = await page.locator('.element-lane').first().boundingBox();
  if (!header || !lane) throw new Error('no header or lane');
  return { header, lane };
}

test('a room of thirty: a compact header whose counts match the placements', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Partnership retreat, spring — thirty people',
  });
  const clients = await joinRoom(server.baseUrl, board, room());
  await addFinishedProxy(server.baseUrl, board);
  const facilitator = await newPage(browser);
  await facilitatorAt1280(facilitator, board);

  // Counts, not faces: the proxy has finished but is never here; one card short is not
  // finished; a phone that just locked (its socket closed) is still here.
  const progress = facilitator.getByTestId('room-progress');
  await expect(progress).toHaveAttribute('data-here', '30');
  clients.pop()?.close();
  await expect(progress).toHaveAttribute('data-total', '31');
  await expect(progress).toHaveAttribute('data-finished', '21');
  await expect(progress).toHaveAttribute('data-here', '30');
  await expect(progress).toHaveAttribute('data-placing', '10');
  await expect(progress).toHaveText('30 here · 21 finished · 10 placing');

  // Every panel is closed at first, and the board starts right under a header ≤ 120 px.
  for (const name of ['Timer', 'People (31)', 'Invite', 'Export']) {
    await expect(facilitator.getByRole('button', { name, exact: true })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  }
  await expect(facilitator.getByTestId('join-url')).toBeHidden();
  const { header, lane } = await headerBox(facilitator);
  expect(header.height).toBeLessThanOrEqual(120);
  expect(lane.y).toBeLessThanOrEqual(header.y + header.height + 24);
  await keepScreenshot(facilitator, { path: `${SCREENS}-placing-1280.png` });

  // The people one click away: who has not finished, with how far they are; namesakes apart.
  await facilitator.getByRole('button', { name: /30 here/ }).click();
  const notFinished = facilitator.getByTestId('not-finished').locator('li');
  await expect(notFinished).toHaveCount(10);
  await expect(notFinished.first()).toContainText(`${CARDS.length - 1} of ${CARDS.length}`);
  await expect(notFinished.last()).toContainText(`10 of ${CARDS.length}`);
  const everyone = facilitator.getByTestId('everyone');
  await expect(everyone).toContainText('Sam (1)');
  await expect(everyone).toContainText('Sam (2)');
  await expect(everyone.locator('li', { hasText: 'Pat' })).toContainText('finished');
  await expect(everyone.locator('li', { hasText: 'Person 30' })).toContainText('just left');
  await keepScreenshot(facilitator, { path: `${SCREENS}-people-1280.png` });
  expect(await axeViolations(facilitator)).toEqual([]);
  // Escape closes it and gives the focus back to its button.
  await facilitator.keyboard.press('Escape');
  await expect(facilitator.getByTestId('not-finished')).toBeHidden();
  await expect(facilitator.getByRole('button', { name: /30 here/ })).toBeFocused();

  // The invitation and the people's panel open on demand, over the board.
  await openPanel(facilitator, 'Invite');
  await expect(facilitator.getByTestId('join-url')).toBeVisible();
  await keepScreenshot(facilitator, { path: `${SCREENS}-invite-1280.png` });
  await openPanel(facilitator, 'People (31)');
  await expect(facilitator.getByTestId('join-url')).toBeHidden();
  await expect(facilitator.getByLabel('Joining open')).toBeVisible();
  await keepScreenshot(facilitator, { path: `${SCREENS}-people-panel-1280.png` });
  await facilitator.keyboard.press('Escape');

  // Every phase keeps the header compact.
  for (const [label, phase] of [
    ['Setup', 'setup'],
    ['Revealed', 'revealed'],
    ['Discussing', 'discussing'],
    ['Final', 'final'],
  ] as const) {
    await confirmPhase(facilitator, label);
    await expect(facilitator.getByTestId('phase')).toHaveAttribute('data-phase', phase);
    if (phase === 'discussing') {
      await facilitator.getByRole('button', { name: 'Discuss next' }).click();
      // Its button sits near the right edge: the panel lines up with it there, inside the window.
      const list = await facilitator.getByTestId('discuss-next').boundingBox();
      expect(list && list.x + list.width).toBeLessThanOrEqual(1280);
      await facilitator.getByTestId('discuss-next').getByRole('button').first().click();
      await expect(facilitator.getByTestId('focus-control')).toBeVisible();
    }
    await keepScreenshot(facilitator, { path: `${SCREENS}-${phase}-1280.png` });
    const box = await headerBox(facilitator);
    expect(box.header.height, phase).toBeLessThanOrEqual(120);
  }
  for (const client of clients) client.close();
});

test('revealing and locking ask first; cancelling leaves the room where it was', async ({
  browser,
  server,
}) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Confirm',
  });
  const facilitator = await newPage(browser);
  await facilitatorAt1280(facilitator, board);
  const ana = await newPage(browser);
  await joinAs(ana, board.joinUrl, 'Ana');

  const steps = facilitator.getByRole('navigation', { name: 'Session phase' });
  await steps.getByRole('button', { name: 'Revealed' }).click();
  const question = facilitator.getByTestId('phase-confirm');
  await expect(question).toContainText(
    "Show everyone's placements to the room? This cannot be undone once they have seen them.",
  );
  await keepScreenshot(facilitator, { path: `${SCREENS}-confirm-reveal-1280.png` });
  expect(await axeViolations(facilitator)).toEqual([]);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  await expect(steps.getByRole('button', { name: 'Revealed' })).toBeFocused();

  // Escape cancels too. A later write reaching Ana proves the cancelled ones never went out.
  await steps.getByRole('button', { name: 'Final' }).click();
  await expect(question).toContainText('Lock the board?');
  await facilitator.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(steps.getByRole('button', { name: 'Final' })).toBeFocused();
  await openPanel(facilitator, 'Timer');
  await facilitator.getByRole('button', { name: '5 min' }).click();
  await expect(ana.getByTestId('timer')).toBeVisible();
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'placing');

  await confirmPhase(facilitator, 'Revealed');
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'revealed');
  // Moving on to discussion shows nothing new: no question.
  await steps.getByRole('button', { name: 'Discussing' }).click();
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'discussing');

  // Locking clears the timer in the same step: no "Time's up" anywhere.
  await confirmPhase(facilitator, 'Final');
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'final');
  await expect(ana.getByTestId('timer')).toHaveCount(0);
  await expect(facilitator.getByTestId('timer')).toHaveCount(0);

  // A locked board's timer can still be set and cleared.
  await openPanel(facilitator, 'Timer');
  await facilitator.getByRole('button', { name: '1 min' }).click();
  await expect(ana.getByTestId('timer')).toBeVisible();
  await facilitator.getByRole('button', { name: 'Clear' }).click();
  await expect(ana.getByTestId('timer')).toHaveCount(0);
  await expect(ana.getByText("Time's up")).toHaveCount(0);
  await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
});

test('a new round starts after a countdown that can be cancelled', async ({ browser, server }) => {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Rounds',
  });
  const facilitator = await newPage(browser);
  await facilitatorAt1280(facilitator, board);
  const ana = await newPage(browser);
  await joinAs(ana, board.joinUrl, 'Ana');
  await confirmPhase(facilitator, 'Revealed');
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'revealed');

  await openPanel(facilitator, 'New round');
  await facilitator.getByRole('button', { name: 'Start a new round' }).click();
  const countdown = facilitator.getByTestId('round-countdown');
  await expect(countdown).toContainText('Starting round 2 (the whole board) in');
  await countdown.getByRole('button', { name: 'Cancel' }).click();
  await expect(countdown).toHaveCount(0);
  // Past the countdown, and past a later write reaching Ana: nothing was written.
  await facilitator.waitForTimeout(3_500);
  const desk = await connect(server.baseUrl, board.boardId, board.facilitatorToken);
  setControl(desk.doc, 'focusCardId', 'trust.v2', 'local');
  await expect(ana.locator('[data-card-id="trust.v2"]')).toHaveAttribute('data-focused', 'true');
  desk.close();
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'revealed');
  await expect(ana.locator('.round-badge')).toHaveCount(0);

  // Let it run out: round 2 opens for placing.
  await openPanel(facilitator, 'New round');
  await facilitator.getByRole('button', { name: 'Start a new round' }).click();
  await expect(ana.getByTestId('phase')).toHaveAttribute('data-phase', 'placing');
  await expect(ana.locator('.round-badge')).toHaveText('Round 2');
});
