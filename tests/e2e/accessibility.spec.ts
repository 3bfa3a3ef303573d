/**
 * Accessibility: axe finds no violation at all (any impact, WCAG 2.0–2.2 A/AA and best
 * practices) on the start page, the join page, the board (a participant's laptop and phone, the
 * facilitator's) and the projector in every phase (in discussion focused on a card), a
 * participant's wall view, the report, and a deleted board's screens, in English and in Spanish
 * (each browser asking for its language, as a person's would).
 */
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { PHASES } from '../../shared/boardDoc.ts';
import { fillBoard, postJson, setBoardControl, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { axeViolations } from './helpers.ts';

const BROWSER_LOCALES = { en: 'en-US', es: 'es-ES' } as const;
const CARD = 'trust.v1';

for (const lang of ['en', 'es'] as const) {
  test(`the pages people use have no accessibility violations (${lang})`, async ({
    browser,
    server,
  }) => {
    test.setTimeout(300_000); // axe on four screens in five phases
    const open = (options: BrowserContextOptions = {}) =>
      openPage(browser, { ...options, locale: BROWSER_LOCALES[lang] });
    const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
      title: 'Accessible',
      organisations: ['North', 'South'],
    });
    await fillBoard(server.baseUrl, board, [
      { name: 'A', organisation: 'North', placements: { 'trust.v1': 0.2, 'trust.v2': 0.5 } },
      { name: 'B', organisation: 'South', placements: { 'trust.v1': 0.4, 'trust.v2': 0.6 } },
      { name: 'C', organisation: 'North', placements: { 'trust.v1': 0.9, 'trust.v2': 0.55 } },
    ]);
    // Every screen's violations, reported together at the end.
    const found: string[] = [];
    const audit = async (screen: Page, where: string) => {
      for (const violation of await axeViolations(screen)) found.push(`${where}: ${violation}`);
    };
    const page = await open();
    await page.goto(server.baseUrl);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    // The start page is loaded when needed: audit it once it is there, not the page before it.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await audit(page, 'start page');

    await page.goto(board.joinUrl);
    await expect(page.locator('form input').first()).toBeVisible();
    await audit(page, 'join page');
    const participantUrl = async (name: string) => {
      const joined = await postJson<JoinResponse>(
        server.baseUrl,
        `/api/boards/${board.boardId}/participants`,
        { joinCode: board.joinCode, name, organisation: 'South' },
      );
      return `${server.baseUrl}/b/${board.boardId}#token=${joined.token}`;
    };
    await page.goto(await participantUrl('Dana'));

    const facilitator = await open();
    await facilitator.goto(board.facilitatorUrl);
    await expect(facilitator.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');

    const phone = await open({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    await phone.goto(await participantUrl('Eli'));
    const projector = await open({ viewport: { width: 1920, height: 1080 } });
    await projector.goto((await observerLink(server.baseUrl, board)).url);
    await expect(projector.getByTestId('projector')).toBeVisible();

    for (const phase of PHASES) {
      await setBoardPhase(server.baseUrl, board, phase);
      // In discussion the room follows the facilitator's focus on one card.
      if (phase === 'discussing') await setBoardControl(server.baseUrl, board, 'focusCardId', CARD);
      for (const screen of [page, phone, facilitator, projector]) {
        await expect(screen.getByTestId('phase').first()).toHaveAttribute('data-phase', phase);
        await audit(screen, `${phase} on ${screen.url()}`);
      }
    }
    // A participant's wall view, on the laptop and on the phone.
    for (const screen of [page, phone]) {
      await screen.locator('.view-toggle button').last().click();
      await expect(screen.getByTestId('wall-view')).toBeVisible();
      await audit(screen, `wall view on ${screen.url()}`);
    }

    await facilitator.goto(`${server.baseUrl}/b/${board.boardId}/report`);
    await expect(facilitator.getByTestId('report-element')).toHaveCount(6);
    await audit(facilitator, 'report');

    // A deleted board says so, accessibly, on every screen that had it open.
    const deleted = await fetch(`${server.baseUrl}/api/boards/${board.boardId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${board.facilitatorToken}` },
    });
    expect(deleted.status).toBe(204);
    for (const screen of [phone, projector]) {
      await expect(
        screen.getByTestId('board-ended').or(screen.getByTestId('projector-ended')).first(),
      ).toBeVisible();
      await audit(screen, `deleted on ${screen.url()}`);
    }
    expect(found).toEqual([]);
  });
}

async function openPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  return (await browser.newContext(options)).newPage();
}

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
