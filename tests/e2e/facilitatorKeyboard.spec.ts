/**
 * The facilitator's session from the keyboard alone (Tab, Shift+Tab, Enter, Space, Escape; no
 * clicks): placing → reveal (its question cancelled with Escape first) → focus a card → its
 * agreed position on the card's own track → final,
 * the timer started and cleared, the People and Export panels opened and closed with the focus
 * back on their buttons. And the wall's language: "Español" makes the projector speak Spanish,
 * "side by side" shows both, and the wall still fits one screen.
 */
import type { Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { fillBoard, postJson, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, keepScreenshot, newPage, openPanel } from './helpers.ts';

const SCREENS = 'test-results/screens/keyboard';

interface Target {
  /** A CSS selector the focused element must match. */
  selector: string;
  /** Text the focused element's own text starts with, if any. */
  text?: string;
}

/** Presses Tab (or Shift+Tab) until the focus is on the target, as a keyboard user would. */
async function tabTo(page: Page, target: Target, backwards = false): Promise<void> {
  for (let presses = 0; presses < 400; presses++) {
    const there = await page.evaluate(({ selector, text }) => {
      const active = document.activeElement;
      if (!(active instanceof HTMLElement) || !active.matches(selector)) return false;
      return text === undefined || (active.textContent ?? '').trim().startsWith(text);
    }, target);
    if (there) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`the keyboard never reached ${target.selector} ${target.text ?? ''}`);
}

const phaseButton = (name: string): Target => ({
  selector: 'nav[aria-label="Session phase"] button',
  text: name,
});
const barButton = (name: string): Target => ({
  selector: '.facilitator-bar .popover-button',
  text: name,
});

async function expectPhase(page: Page, phase: string) {
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', phase);
}

test('a keyboard-only facilitator runs placing, reveal, focus and final, the timer and the panels', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const board = await createBoardViaApi(server.baseUrl, 'Keyboard session');
  await fillBoard(server.baseUrl, board, [
    { name: 'Ana', placements: { 'trust.v1': 0.2 } },
    { name: 'Ben', placements: { 'trust.v1': 0.5 } },
    { name: 'Cleo', placements: { 'trust.v1': 0.7 } },
  ]);
  const facilitator = await newPage(browser);
  await facilitator.setViewportSize({ width: 1280, height: 800 });
  await facilitator.goto(board.facilitatorUrl);
  await expectPhase(facilitator, 'placing');

  // The timer: open its panel, start one minute, clear it, Escape back to the button.
  await tabTo(facilitator, barButton('Timer'));
  await facilitator.keyboard.press('Enter');
  const timerButton = facilitator.getByTestId('timer-menu').locator('.popover-button');
  await expect(timerButton).toHaveAttribute('aria-expanded', 'true');
  await tabTo(facilitator, { selector: '.timer-panel button', text: '1 min' });
  await facilitator.keyboard.press('Enter');
  await expect(facilitator.getByTestId('timer').first()).toBeVisible();
  await tabTo(facilitator, { selector: '.timer-panel button', text: 'Clear' });
  await facilitator.keyboard.press('Space');
  await expect(facilitator.getByTestId('timer')).toHaveCount(0);
  await facilitator.keyboard.press('Escape');
  await expect(timerButton).toHaveAttribute('aria-expanded', 'false');
  await expect(timerButton).toBeFocused();

  // The reveal asks first: the focus moves into the question, Escape cancels and returns it.
  await tabTo(facilitator, phaseButton('Revealed'), true);
  await facilitator.keyboard.press('Enter');
  const question = facilitator.getByTestId('phase-confirm');
  await expect(question).toBeVisible();
  await expect(question.getByRole('button').first()).toBeFocused();
  await facilitator.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(
    facilitator.getByRole('navigation', { name: 'Session phase' }).getByRole('button', {
      name: 'Revealed',
    }),
  ).toBeFocused();
  await expectPhase(facilitator, 'placing');
  await facilitator.keyboard.press('Enter');
  await expect(question.getByRole('button').first()).toBeFocused();
  await facilitator.keyboard.press('Enter');
  await expectPhase(facilitator, 'revealed');

  // Focus the room on a card from its row.
  await tabTo(facilitator, {
    selector: '[data-card-id="trust.v1"] button',
    text: 'Focus everyone here',
  });
  await facilitator.keyboard.press('Enter');
  await expect(facilitator.getByTestId('focus-control')).toBeVisible();
  await keepScreenshot(facilitator, { path: `${SCREENS}-focused-1280x800.png` });

  // The agreed position, on the card's own track: arrows move it, Enter records it.
  await tabTo(
    facilitator,
    { selector: '[data-card-id="trust.v1"] button', text: 'Record the agreed position' },
    true, // it comes before the row's Unfocus button, which has the focus now
  );
  await facilitator.keyboard.press('Enter');
  const agreed = facilitator.locator('[data-card-id="trust.v1"] .axis').getByRole('slider');
  await expect(agreed).toBeFocused();
  await facilitator.keyboard.press('Home');
  for (let step = 0; step < 4; step++) await facilitator.keyboard.press('Shift+ArrowRight');
  await facilitator.keyboard.press('Enter');
  await expect(
    facilitator.locator('[data-card-id="trust.v1"]').getByTestId('agreed-text'),
  ).toHaveText('agreed 40%');

  // People and Export open and close from the keyboard; the focus goes back to their buttons.
  // Up from the card to People, then on to Export (after Invite).
  for (const [name, backwards] of [
    ['People (3)', true],
    ['Export', false],
  ] as const) {
    await tabTo(facilitator, barButton(name), backwards);
    await facilitator.keyboard.press('Enter');
    const button = facilitator.locator('.facilitator-bar .popover-button', { hasText: name });
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await facilitator.keyboard.press('Tab');
    const inside = await facilitator.evaluate(
      () => document.activeElement?.closest('.popover-panel:not([hidden])') !== null,
    );
    expect(inside, `${name}: Tab moves into the open panel`).toBe(true);
    await keepScreenshot(facilitator, { path: `${SCREENS}-${name.split(' ')[0]}-1280x800.png` });
    await facilitator.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();
  }

  // Locking asks too; Enter on its first button locks the board.
  await tabTo(facilitator, phaseButton('Final'), true);
  await facilitator.keyboard.press('Enter');
  await expect(question.getByRole('button').first()).toBeFocused();
  await facilitator.keyboard.press('Enter');
  await expectPhase(facilitator, 'final');
});

test('the facilitator bar wraps at 320 px and at 200 % text without scrolling sideways', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'A narrow screen');
  const facilitator = await newPage(browser);
  for (const [width, zoom] of [
    [320, 1],
    [1280, 2],
  ] as const) {
    await facilitator.setViewportSize({ width, height: 800 });
    await facilitator.goto(board.facilitatorUrl);
    await expectPhase(facilitator, 'placing');
    await facilitator.evaluate((size) => {
      document.documentElement.style.fontSize = `${size * 100}%`;
    }, zoom);
    for (const name of [/^Timer/, /^People/, /^Invite/, /^Export/]) {
      await openPanel(facilitator, name);
      // Every box in the bar and its open panel lies inside the window's width.
      const outside = await facilitator.evaluate(() =>
        [...document.querySelectorAll('.facilitator-bar *')]
          .filter((element) => element.getClientRects().length > 0)
          .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 1 && (box.left < -1 || box.right > window.innerWidth + 1);
          })
          .map((element) => `${element.tagName}.${element.className}`),
      );
      expect(outside, `${width}px ×${zoom} ${name}`).toEqual([]);
      await keepScreenshot(facilitator, {
        path: `${SCREENS}-reflow-${width}-x${zoom}-${String(name).replace(/\W/g, '')}.png`,
      });
      await facilitator.keyboard.press('Escape');
    }
  }
});

async function projectorLink(baseUrl: string, board: CreateBoardResponse): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards/${board.boardId}/observer-links`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: '{}',
  });
  return ((await response.json()) as { url: string }).url;
}

/** The page does not scroll either way: the wall fits its screen. */
async function expectFits(page: Page) {
  const fit = await page.evaluate(() => ({
    down: (document.scrollingElement?.scrollHeight ?? 0) - window.innerHeight,
    across: (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth,
  }));
  expect(fit.down).toBeLessThanOrEqual(0);
  expect(fit.across).toBeLessThanOrEqual(0);
}

test('the wall speaks the language the facilitator chose, or both side by side', async ({
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Retiro de la alianza',
  });
  const cards = rubricCards(ELEMENTS_OF_PARTNERSHIP);
  await fillBoard(
    server.baseUrl,
    board,
    ['Ana', 'Ben', 'Cleo', 'Dana'].map((name, person) => ({
      name,
      placements: Object.fromEntries(
        cards.map((card, index) => [card.id, ((index + person * 3) % 11) / 10]),
      ),
    })),
  );
  await setBoardPhase(server.baseUrl, board, 'setup');
  const facilitator = await newPage(browser);
  await facilitator.setViewportSize({ width: 1280, height: 800 });
  // This browser picked Spanish before (the picker remembers it).
  await facilitator.context().addInitScript(() => localStorage.setItem('continuum.language', 'es'));
  await facilitator.goto(board.facilitatorUrl);
  await expect(facilitator.locator('html')).toHaveAttribute('lang', 'es');
  await openPanel(facilitator, /^Personas/);
  const choice = facilitator.getByTestId('room-language');
  await expect(choice).toHaveValue('own');
  await keepScreenshot(facilitator, { path: `${SCREENS}-people-es-1280x800.png` });

  const url = await projectorLink(server.baseUrl, board);
  const wall = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  ).newPage();
  const small = await (
    await browser.newContext({ viewport: { width: 1280, height: 720 } })
  ).newPage();
  for (const page of [wall, small]) {
    await page.goto(url);
    await expect(page.getByTestId('projector')).toBeVisible();
    // Nobody chose yet: the projector's own language, which its picker changes.
    await expect(page.getByTestId('join-panel')).toContainText('Join at');
    await expect(page.getByTestId('language-picker')).toBeVisible();
  }

  await choice.selectOption('es');
  for (const page of [wall, small]) {
    await expect(page.getByTestId('join-panel')).toContainText('Entra en');
    await expect(page.getByTestId('phase')).toHaveText('Preparación');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    // The room's choice speaks for the screen: no picker to contradict it.
    await expect(page.getByTestId('language-picker')).toHaveCount(0);
    await expectFits(page);
    await keepScreenshot(page, {
      path: `${SCREENS}-projector-es-${page.viewportSize()?.width}.png`,
    });
  }

  await choice.selectOption('en+es');
  for (const page of [wall, small]) {
    const join = page.getByTestId('join-panel');
    await expect(join.locator('[lang="en"]', { hasText: 'Join at' })).toBeVisible();
    await expect(join.locator('[lang="es"]', { hasText: 'Entra en' })).toBeVisible();
    await expect(page.getByTestId('room-progress')).toContainText('Placing starts');
    await expect(page.getByTestId('room-progress')).toContainText('La colocación empieza');
    await expectFits(page);
    await keepScreenshot(page, {
      path: `${SCREENS}-projector-both-setup-${page.viewportSize()?.width}.png`,
    });
  }

  // After the reveal the wall of every card still fits one screen in both languages.
  await setBoardPhase(server.baseUrl, board, 'revealed');
  for (const page of [wall, small]) {
    await expect(page.getByTestId('wall-view')).toBeVisible();
    await expect(page.getByTestId('phase')).toContainText('Revealed');
    await expect(page.getByTestId('phase')).toContainText('Revelado');
    await expect(page.getByTestId('wall-note')).toHaveCount(cards.length);
    await expectFits(page);
    await keepScreenshot(page, {
      path: `${SCREENS}-projector-both-wall-${page.viewportSize()?.width}.png`,
    });
  }

  // Back to each screen's own: the projector's picker returns, and with it its own language.
  await choice.selectOption('own');
  for (const page of [wall, small]) {
    await expect(page.getByTestId('language-picker')).toBeVisible();
    await expect(page.getByTestId('phase')).toHaveText('Revealed');
  }
});
