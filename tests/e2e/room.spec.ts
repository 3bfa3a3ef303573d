/**
 * The room: one timer on every screen whatever the laptops' clocks say, following the
 * facilitator's focus (and opting out), partner organisations' perception gaps, and the
 * projector with its QR code and the wall view.
 */
import type { Browser, Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { fillBoard, postJson, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { newPage, openPanel, row } from './helpers.ts';
import type { ServerProcess } from './serverProcess.ts';

const ORGANISATIONS = ['County Health', 'Family Alliance', 'School District'];

function createBoard(server: ServerProcess, title: string): Promise<CreateBoardResponse> {
  return postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title,
    organisations: ORGANISATIONS,
  });
}

/** A browser whose clock is `skewMs` off the real time. */
async function skewedPage(browser: Browser, skewMs: number): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript((skew: number) => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + skew;
  }, skewMs);
  return context.newPage();
}

async function joinWithOrganisation(page: Page, board: CreateBoardResponse, name: string) {
  await page.goto(board.joinUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your organisation').selectOption(ORGANISATIONS[0] ?? '');
  await page.getByRole('button', { name: 'Join the board' }).click();
  await expect(page.getByText(`You are ${name}`)).toBeVisible();
}

function seconds(text: string | null): number {
  const match = /(\d+):(\d\d)/.exec(text ?? '');
  if (!match) throw new Error(`not a time: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

test('a timer shows the same time on laptops whose clocks are minutes apart', async ({
  browser,
  server,
}) => {
  const board = await createBoard(server, 'Timer');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const fast = await skewedPage(browser, 4 * 60_000);
  const slow = await skewedPage(browser, -6 * 60_000);
  await joinWithOrganisation(fast, board, 'Fast');
  await joinWithOrganisation(slow, board, 'Slow');

  await openPanel(facilitator, 'Timer');
  await facilitator.getByRole('button', { name: '5 min' }).click();
  const fastTimer = fast.getByTestId('timer').locator('.timer-value');
  const slowTimer = slow.getByTestId('timer').locator('.timer-value');
  await expect(fastTimer).toHaveText(/^[45]:\d\d$/);
  await expect(slowTimer).toHaveText(/^[45]:\d\d$/);
  await fast.waitForTimeout(1500);
  const a = seconds(await fastTimer.textContent());
  const b = seconds(await slowTimer.textContent());
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
  expect(a).toBeLessThan(300);
  expect(a).toBeGreaterThan(290);

  // Paused, every screen shows exactly the same frozen time.
  await facilitator.getByRole('button', { name: 'Pause' }).click();
  await expect(fast.getByTestId('timer')).toHaveAttribute('data-paused', 'true');
  await expect(slow.getByTestId('timer')).toHaveAttribute('data-paused', 'true');
  const frozen = await facilitator.getByTestId('timer').locator('.timer-value').textContent();
  await expect(fastTimer).toHaveText(frozen ?? '');
  await expect(slowTimer).toHaveText(frozen ?? '');
  await facilitator.getByRole('button', { name: '+1 min' }).click();
  await expect(slowTimer).toHaveText(
    `${seconds(frozen) / 60 >= 4 ? 5 : 4}:${(frozen ?? '').split(':')[1]}`,
  );
  await facilitator.getByRole('button', { name: 'Clear' }).click();
  await expect(fast.getByTestId('timer')).toHaveCount(0);
});

test('focus follows to participants and the projector; a participant can unfollow', async ({
  browser,
  server,
}) => {
  const board = await createBoard(server, 'Focus');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const ana = await newPage(browser);
  const ben = await newPage(browser);
  await joinWithOrganisation(ana, board, 'Ana');
  await joinWithOrganisation(ben, board, 'Ben');
  const projectorLink = await facilitatorPost<{ url: string }>(server, board, 'observer-links');
  const projector = await newPage(browser);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(projectorLink.url);

  await row(facilitator, 'systems.p4').getByRole('button', { name: 'Focus everyone here' }).click();
  for (const page of [ana, ben]) {
    await expect(row(page, 'systems.p4')).toHaveAttribute('data-focused', 'true');
    await expect(row(page, 'systems.p4')).toBeInViewport();
  }
  await expect(projector.getByTestId('projector-focus')).toContainText(
    'Regular maintenance activities in agendas re-energize the partnership.',
  );

  // Ben stops following; the next focus scrolls Ana's screen, not his.
  await ben.getByRole('button', { name: 'Following the facilitator' }).click();
  await expect(ben.getByRole('button', { name: 'Follow the facilitator' })).toBeVisible();
  await row(facilitator, 'trust.v1').getByRole('button', { name: 'Focus everyone here' }).click();
  await expect(row(ana, 'trust.v1')).toBeInViewport();
  await expect(row(ben, 'trust.v1')).toHaveAttribute('data-focused', 'true');
  await expect(row(ben, 'trust.v1')).not.toBeInViewport();
  await expect(projector.getByTestId('projector-focus')).toContainText(
    'Relationship building occurs through work',
  );
});

test('partner organisations: medians, who is too few to show (once per element) and the gap by size', async ({
  browser,
  server,
}) => {
  const board = await createBoard(server, 'Organisations');
  const county = [0.2, 0.3, 0.4];
  const alliance = [0.7, 0.8, 0.9];
  await fillBoard(server.baseUrl, board, [
    ...county.map((x, i) => ({
      name: `C${i}`,
      organisation: 'County Health',
      placements: { 'trust.v1': x, 'trust.v2': 0.5 },
    })),
    ...alliance.map((x, i) => ({
      name: `A${i}`,
      organisation: 'Family Alliance',
      placements: { 'trust.v1': x, 'trust.v2': 0.55 },
    })),
    { name: 'S0', organisation: 'School District', placements: { 'trust.v1': 0.5 } },
  ]);
  await setBoardPhase(server.baseUrl, board, 'revealed');
  const viewer = await newPage(browser);
  await joinWithOrganisation(viewer, board, 'Viewer');
  const figures = row(viewer, 'trust.v1').getByTestId('organisation-figures');
  await expect(figures).toContainText('County Health: 30%');
  await expect(figures).toContainText('Family Alliance: 80%');
  // Too few from the School District: said once on the element, not on every card.
  await expect(figures).not.toContainText('School District');
  await expect(viewer.getByTestId('organisation-figures').getByText(/too few/i)).toHaveCount(0);
  await expect(
    viewer.locator('[data-element-id="trust"]').getByTestId('hidden-organisations'),
  ).toHaveText(/Too few people per organisation to show their figures: School District/);
  await expect(row(viewer, 'trust.v1').getByTestId('perception-gap')).toHaveText(
    'large perception gap 50%',
  );
  await expect(row(viewer, 'trust.v2').getByTestId('perception-gap')).toHaveText(
    'small perception gap 5%',
  );
  await expect(
    viewer
      .locator('[data-element-id="trust"]')
      .getByTestId('element-figures')
      .getByTestId('perception-gap'),
  ).toBeVisible();
  await viewer.getByRole('button', { name: 'Discuss next' }).click();
  await viewer.getByLabel('Largest perception gap first').check();
  await expect(viewer.getByTestId('discuss-next').getByRole('button').first()).toContainText(
    'Relationship building occurs through work',
  );
});

test('the projector shows the join QR code, the code and the wall view', async ({
  browser,
  server,
}) => {
  const board = await createBoard(server, 'Projector');
  await fillBoard(server.baseUrl, board, [
    { name: 'P1', placements: { 'trust.v1': 0.2, 'values.v1': 0.7 } },
    { name: 'P2', placements: { 'trust.v1': 0.3, 'values.v1': 0.8 } },
    { name: 'P3', placements: { 'trust.v1': 0.35, 'values.v1': 0.9 } },
  ]);
  const link = await facilitatorPost<{ url: string }>(server, board, 'observer-links');
  const projector = await newPage(browser);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(link.url);
  await expect(projector.getByTestId('qr-code')).toBeVisible();
  await expect(projector.getByTestId('join-code')).toHaveText(board.joinCode);
  await expect(projector.getByTestId('room-progress')).toContainText('0 of 3 finished');
  await setBoardPhase(server.baseUrl, board, 'revealed');
  await expect(projector.getByTestId('wall-view')).toBeVisible();
  await expect(projector.getByTestId('wall-note')).toHaveCount(2);
});

async function facilitatorPost<T>(
  server: ServerProcess,
  board: CreateBoardResponse,
  route: string,
): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/${route}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: '{}',
  });
  if (!response.ok) throw new Error(`${route}: ${response.status}`);
  return (await response.json()) as T;
}
