/**
 * Accessibility: axe finds no serious or critical violations on the start page, the join page,
 * the board (participant and facilitator, placing and revealed), the projector and the report.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, joinAs, newPage } from './helpers.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes
          .map((node) => node.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

test('the pages people use have no serious accessibility violations', async ({
  browser,
  server,
}) => {
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

  await setBoardPhase(server.baseUrl, board, 'revealed');
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'revealed');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await seriousViolations(facilitator)).toEqual([]);

  await facilitator.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  await expect(facilitator.getByTestId('report-element')).toHaveCount(6);
  expect(await seriousViolations(facilitator)).toEqual([]);
});
