/** Shared steps of the browser tests: joining, rows, and moving chips by mouse or keyboard. */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import type { CreateBoardResponse } from '../../shared/api.ts';

/**
 * A screenshot for people to look at, taken only when SCREENSHOTS=1: no test asserts on one, and
 * the suite's many pictures (full pages of a room of sixty among them) cost minutes of a run.
 */
export async function keepScreenshot(
  target: Page | Locator,
  options: { path: string; fullPage?: boolean },
): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  if ('goto' in target) await target.screenshot(options);
  else await target.screenshot({ path: options.path });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

export function row(page: Page, cardId: string): Locator {
  return page.locator(`[data-card-id="${cardId}"]`);
}

export function chip(page: Page, cardId: string): Locator {
  return row(page, cardId).getByTestId('chip');
}

export async function createBoardViaApi(
  baseUrl: string,
  title: string,
): Promise<CreateBoardResponse> {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  return (await response.json()) as CreateBoardResponse;
}

export async function joinAs(page: Page, joinUrl: string, name: string): Promise<void> {
  await page.goto(joinUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join the board' }).click();
  await expect(page.getByText(`You are ${name}`)).toBeVisible();
}

/** Drags a chip with the mouse so its centre lands at `position` of its card's axis. */
export async function mouseDrag(page: Page, cardId: string, position: number, release = true) {
  const from = await chip(page, cardId).boundingBox();
  const line = await row(page, cardId).locator('.axis').boundingBox();
  if (!from || !line) throw new Error('chip or axis not visible');
  const startX = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  await page.mouse.move(startX, y);
  await page.mouse.down();
  await page.mouse.move(startX + 10, y, { steps: 2 });
  await page.mouse.move(line.x + position * line.width, y, { steps: 12 });
  if (release) await page.mouse.up();
}

/** Places a card with the keyboard only: onto 0 %, then `tenths` big steps and `ones` steps. */
export async function keyboardPlace(page: Page, cardId: string, tenths: number, ones = 0) {
  await chip(page, cardId).focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(50); // the sensor listens for keys from the next tick on
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < tenths; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < ones; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
}

/** The facilitator looks at the placements during a silent round (only on their screen). */
export async function peek(page: Page): Promise<void> {
  await page.getByLabel(/Peek at placements/).check();
}

/**
 * Opens one of the header's panels (Timer, People, Invite, Options, Export, New round…) by its
 * button, unless it is open already.
 */
export async function openPanel(page: Page, name: string | RegExp): Promise<void> {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
}

/** The facilitator moves the session to a phase, answering its question if it asks one. */
export async function confirmPhase(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Session phase' })
    .getByRole('button', { name: label })
    .click();
  const question = page.getByTestId('phase-confirm');
  if (await question.isVisible()) await question.getByRole('button').first().click();
}

/**
 * axe on the page as it is now: injected once per document (axe's Playwright builder injects it
 * twice per run, and each costs a parse of half a megabyte), then run in the page itself. Only
 * violations are gathered node by node: on a board of 48 cards the passes were most of axe's time.
 */
let minifiedAxe: string | null = null;
function axeSource(): string {
  minifiedAxe ??= readFileSync(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  return minifiedAxe;
}

async function axeResults(page: Page, tags: string[]): Promise<AxeResults> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource());
  return page.evaluate(
    (options) =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, options),
    { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] } satisfies RunOptions,
  );
}

/**
 * Every axe violation on the page as it is now, whatever its impact: WCAG 2.0–2.2 A/AA and axe's
 * best practices.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await axeResults(page, [
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
    'wcag22aa',
    'best-practice',
  ]);
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
