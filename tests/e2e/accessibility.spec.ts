/**
 * Accessibility: axe finds no serious or critical violations on the start page, the join page,
 * the board (a participant's laptop and phone, the facilitator's) and the projector in every
 * phase, the report, and a deleted board's screens.
 */
import type { CreateBoardResponse } from '../../shared/api.ts';
import { PHASES } from '../../shared/boardDoc.ts';
import { fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, joinAs, newPage, seriousViolations } from './helpers.ts';

test('the pages people use have no serious accessibility violations', async ({
  browser,
  server,
}) => {
  test.setTimeout(300_000); // axe on four screens in five phases
  const board = await createBoardViaApi(server.baseUrl, 'Accessible');
  await fillBoard(server.baseUrl, board, [
    { name: 'A', placements: { 'trust.v1': 0.2, 'trust.v2': 0.5 } },
    { name: 'B', placements: { 'trust.v1': 0.4, 'trust.v2': 0.6 } },
    { name: 'C', placements: { 'trust.v1': 0.9, 'trust.v2': 0.55 } },
  ]);
  const page = await newPage(browser);
  await page.goto(server.baseUrl);
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(board.joinUrl);
  await expect(page.getByLabel('Your name')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await joinAs(page, board.joinUrl, 'Dana');
  expect(await seriousViolations(page)).toEqual([]);

  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
  expect(await seriousViolations(facilitator)).toEqual([]);

  const phone = await (
    await browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    })
  ).newPage();
  await joinAs(phone, board.joinUrl, 'Eli');
  const projector = await newPage(browser);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto((await observerLink(server.baseUrl, board)).url);
  await expect(projector.getByTestId('projector')).toBeVisible();

  for (const phase of PHASES) {
    await setBoardPhase(server.baseUrl, board, phase);
    for (const screen of [page, phone, facilitator, projector]) {
      await expect(screen.getByTestId('phase').first()).toHaveAttribute('data-phase', phase);
      expect(await seriousViolations(screen), `${phase} on ${screen.url()}`).toEqual([]);
    }
  }

  await facilitator.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  await expect(facilitator.getByTestId('report-element')).toHaveCount(6);
  expect(await seriousViolations(facilitator)).toEqual([]);

  // A deleted board says so, accessibly, on every screen that had it open.
  const deleted = await fetch(`${server.baseUrl}/api/boards/${board.boardId}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${board.facilitatorToken}` },
  });
  expect(deleted.status).toBe(204);
  for (const screen of [phone, projector]) {
    await expect(screen.getByText(/board was deleted/i).first()).toBeVisible();
    expect(await seriousViolations(screen)).toEqual([]);
  }
});

async function observerLink(baseUrl: string, board: CreateBoardResponse): Promise<{ url: string }> {
  const response = await fetch(`${baseUrl}/api/boards/${board.boardId}/observer-links`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: '{}',
  });
  return (await response.json()) as { url: string };
}
