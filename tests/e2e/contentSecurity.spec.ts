/**
 * The app passes its own Content Security Policy: every page (start, board, export pictures,
 * projector with its QR code, report) runs without a single violation.
 */
import type { Page } from '@playwright/test';
import { fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, openPanel } from './helpers.ts';

/** Collects every CSP violation the page reports. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('no page of the app breaks its Content Security Policy', async ({ browser, server }) => {
  const board = await createBoardViaApi(server.baseUrl, 'Policy');
  await fillBoard(server.baseUrl, board, [
    { name: 'A', placements: { 'trust.v1': 0.2 } },
    { name: 'B', placements: { 'trust.v1': 0.4 } },
    { name: 'C', placements: { 'trust.v1': 0.6 } },
  ]);
  await setBoardPhase(server.baseUrl, board, 'revealed');
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const violations = await watchViolations(page);

  const response = await page.goto(server.baseUrl);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: 'Continuum' })).toBeVisible();
  expect(await violations()).toEqual([]);
  // A rubric file is checked in the page, by code that must not evaluate strings either.
  const rubric = {
    title: 'Policy',
    elements: [{ name: 'E', cards: [{ text: 'x', column: 'vendor' }] }],
  };
  await page.getByLabel('Start from a rubric file').setInputFiles({
    name: 'rubric.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(rubric)),
  });
  await expect(page.getByText(/Rubric: Policy/)).toBeVisible();
  expect(await violations()).toEqual([]);

  await page.goto(board.facilitatorUrl);
  await expect(page.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
  await openPanel(page, 'Export');
  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Picture (PNG)' }).click(),
  ]);
  expect(await violations()).toEqual([]);

  await page.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  await expect(page.getByTestId('report-element')).toHaveCount(6);
  await expect(page.getByRole('img', { name: /The board/ })).toBeVisible();
  expect(await violations()).toEqual([]);

  const link = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/observer-links`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: '{}',
  });
  const { url } = (await link.json()) as { url: string };
  const projector = await context.newPage();
  const projectorViolations = await watchViolations(projector);
  await projector.goto(url);
  await expect(projector.getByTestId('qr-code')).toBeVisible();
  await expect(projector.getByTestId('wall-view')).toBeVisible();
  expect(await projectorViolations()).toEqual([]);
});
