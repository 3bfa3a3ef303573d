/**
 * Regenerates the screenshots of docs/facilitator-guide.md: `npm run docs:screenshots`.
 *
 * Builds the client when dist/client is missing, starts the real server on a free port with a
 * temporary data folder, and walks a retreat in Debian's Chromium with a facilitator (1280×800),
 * three participants (one on a 360×740 phone) and the projector (1920×1080). A small group is
 * added through the public interfaces so the reveal has figures worth showing. Writes
 * docs/images/*.jpg; the guide names each file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, expect, type Locator, type Page } from '@playwright/test';
import playwrightConfig from '../playwright.config.ts';
import type { CreateBoardResponse } from '../shared/api.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../shared/rubric.ts';
import { confirmPhase, keyboardPlace, mouseDrag, openPanel, row } from '../tests/e2e/helpers.ts';
import { startServerProcess } from '../tests/e2e/serverProcess.ts';
import { fillBoard, type Person } from '../tests/support/boardFiller.ts';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const IMAGES_DIR = join(REPO_ROOT, 'docs/images');
const TITLE = 'Spring partnership retreat';
const ORGANISATIONS = ['County Health', 'Family Alliance'];
/** Screens, each drawn at a reduced pixel density so the pictures stay small. */
const LAPTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 0.75 };
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 };
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 0.5 };

/** The cards of the Trust element the walk-through places; the first one is discussed. */
const TRUST_CARDS = ['trust.v1', 'trust.v2', 'trust.v3'] as const;
const ALL_CARDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

/**
 * Colleagues who placed every card from their own devices, so the reveal and the wall show a
 * group: the two organisations see the first card differently, and agree on the rest.
 */
const GROUP: Person[] = [
  colleague('Dev', 'County Health', [0.25, 0.6, 0.7], 0),
  colleague('Eli', 'Family Alliance', [0.8, 0.55, 0.75], 1),
  colleague('Fay', 'County Health', [0.3, 0.65, 0.8], 2),
  colleague('Gus', 'Family Alliance', [0.85, 0.5, 0.7], 3),
  colleague('Hana', 'County Health', [0.2, 0.6, 0.65], 4),
];

function colleague(name: string, organisation: string, trust: number[], seed: number): Person {
  const placements = Object.fromEntries(
    ALL_CARDS.map((cardId, index) => {
      const spread = (((seed * 13 + index * 7) % 11) - 5) / 50;
      const centre = 0.25 + ((index * 37) % 55) / 100;
      return [cardId, Math.round(Math.min(1, Math.max(0, centre + spread)) * 100) / 100];
    }),
  );
  TRUST_CARDS.forEach((cardId, i) => {
    placements[cardId] = trust[i] ?? 0.5;
  });
  return { name, organisation, placements };
}

async function main(): Promise<void> {
  if (!existsSync(join(REPO_ROOT, 'dist/client/index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  mkdirSync(IMAGES_DIR, { recursive: true });
  const server = await startServerProcess();
  // The same Chromium, with the same options, as the browser tests.
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    await walkThrough(browser, server.baseUrl);
  } finally {
    await browser.close();
    await server.dispose();
  }
}

async function walkThrough(browser: Browser, baseUrl: string): Promise<void> {
  const facilitator = await newPage(browser, LAPTOP);

  // Create a board on the start page.
  await facilitator.goto(baseUrl);
  await facilitator.getByLabel('Title').fill(TITLE);
  await facilitator.getByLabel(/Partner organisations/).fill(ORGANISATIONS.join('\n'));
  await shot(facilitator, '01-create-board', { x: 160, y: 0, width: 960, height: 630 });
  const created = facilitator.waitForResponse(
    (response) => response.url().endsWith('/api/boards') && response.request().method() === 'POST',
  );
  await facilitator.getByRole('button', { name: 'Create board' }).click();
  const board = (await (await created).json()) as CreateBoardResponse;

  // Invite: the bar's Invite panel, with the join code and the participant link.
  await openPanel(facilitator, 'Invite');
  await expect(facilitator.getByTestId('join-code')).toHaveText(board.joinCode);
  await shot(facilitator, '02-invite', await topThrough(facilitator.locator('.invite-panel')));
  await closePanel(facilitator);

  // Participants join; one of them on a phone. The rest of the group joins from elsewhere.
  const phone = await newPage(browser, PHONE);
  await fillJoinForm(phone, board, 'Ana', 'County Health');
  await shot(phone, '03-join-phone');
  await submitJoinForm(phone, 'Ana');
  const ben = await newPage(browser, LAPTOP);
  await fillJoinForm(ben, board, 'Ben', 'Family Alliance');
  await submitJoinForm(ben, 'Ben');
  const cleo = await newPage(browser, LAPTOP);
  await fillJoinForm(cleo, board, 'Cleo', 'County Health');
  await submitJoinForm(cleo, 'Cleo');
  await fillBoard(baseUrl, board, GROUP);

  // Silent placing (a new board opens in the placing phase).
  await mouseDrag(ben, 'trust.v1', 0.35);
  await keyboardPlace(ben, 'trust.v2', 6);
  await mouseDrag(cleo, 'trust.v1', 0.75);
  await mouseDrag(phone, 'trust.v1', 0.3);
  await expect(row(ben, 'trust.v1').getByTestId('coverage')).toHaveText(
    '8 of 8 have placed this card',
  );
  await shot(ben, '04-silent-placing', top(560));
  await shot(phone, '05-placing-phone');

  // Reveal (after its question): every screen shows the group; the facilitator's list of what
  // to discuss first, opened from the header.
  await confirmPhase(facilitator, 'Revealed');
  await expect(row(ben, 'trust.v1').getByTestId('consensus-label')).toBeVisible();
  await shot(ben, '06-revealed', top(580));
  await openPanel(facilitator, 'Discuss next');
  const discussNext = facilitator.getByTestId('discuss-next');
  await expect(discussNext).toBeVisible();
  await shot(facilitator, '07-discuss-next', await topThrough(discussNext, 560));
  await closePanel(facilitator);

  // The projector: an observer link (People → Create a projector link) on the wall screen.
  await openPanel(facilitator, /^People \(/);
  await facilitator.getByRole('button', { name: 'Create a projector link' }).click();
  const projectorUrl = await facilitator.getByLabel('Projector / observer link').inputValue();
  await closePanel(facilitator);
  const projector = await newPage(browser, PROJECTOR);
  await projector.goto(projectorUrl);
  await expect(projector.getByTestId('wall-view')).toBeVisible();
  await shot(projector, '08-projector-wall');

  // Discussion: focus the most divided card and record where the group agreed it stands.
  await confirmPhase(facilitator, 'Discussing');
  const discussed = row(facilitator, 'trust.v1');
  await discussed.getByRole('button', { name: 'Focus everyone here' }).click();
  await discussed.getByRole('button', { name: 'Record the agreed position' }).click();
  await discussed.getByRole('slider').fill('55');
  await discussed.getByLabel('Note').fill('Strong on delivery, not yet on trust');
  await discussed.getByRole('button', { name: 'Save agreement' }).click();
  await expect(row(ben, 'trust.v1').getByTestId('agreed-text')).toBeVisible();
  await discussed.screenshot({ path: imagePath('09-agreement'), ...JPEG });

  // Another round on the divided card: last round's position shows as a ring.
  await discussed.getByRole('button', { name: 'New round on this card' }).click();
  await expect(row(ben, 'trust.v1').getByTestId('last-round')).toBeVisible();
  await shot(ben, '10-second-round', top(360));
  await mouseDrag(ben, 'trust.v1', 0.5);
  await mouseDrag(cleo, 'trust.v1', 0.6);
  await mouseDrag(phone, 'trust.v1', 0.45);
  await confirmPhase(facilitator, 'Revealed');
  await expect(discussed.getByTestId('round-change')).toBeVisible();
  await discussed.screenshot({ path: imagePath('11-round-change'), ...JPEG });

  // Lock (after its question) and export from the bar's Export panel.
  await confirmPhase(facilitator, 'Final');
  await expect(facilitator.getByTestId('phase')).toHaveAttribute('data-phase', 'final');
  await openPanel(facilitator, 'Export');
  const exportPanel = facilitator.getByTestId('export-menu').locator('.popover-panel');
  await expect(exportPanel).toBeVisible();
  await shot(facilitator, '12-final-export', await topThrough(exportPanel, 380));
}

async function newPage(browser: Browser, screen: typeof LAPTOP): Promise<Page> {
  const context = await browser.newContext(screen);
  return context.newPage();
}

async function fillJoinForm(
  page: Page,
  board: CreateBoardResponse,
  name: string,
  organisation: string,
): Promise<void> {
  await page.goto(board.joinUrl);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your organisation').selectOption(organisation);
}

async function submitJoinForm(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Join the board' }).click();
  await expect(page.getByText(`You are ${name}`)).toBeVisible();
}

/** Escape closes the open panel of the bar, so the next picture shows the board under it. */
async function closePanel(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.locator('.popover-panel:not([hidden])')).toHaveCount(0);
  // Escape gives the focus back to the panel's button: no focus ring in the later pictures.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The top of a laptop screen: the pictures stay small and show what the guide talks about. */
function top(height: number): Clip {
  return { x: 0, y: 0, width: LAPTOP.viewport.width, height };
}

/** The top of a laptop screen down to just below `shown` (an open panel), and at least `least`. */
async function topThrough(shown: Locator, least = 0): Promise<Clip> {
  const box = await shown.boundingBox();
  if (!box) throw new Error('nothing to show at the top of the screen');
  const bottom = Math.ceil(box.y + box.height + 24);
  return top(Math.min(LAPTOP.viewport.height, Math.max(least, bottom)));
}

/** JPEG: a screen of text and gradients takes about half the bytes it takes as PNG. */
const JPEG = { type: 'jpeg', quality: 70 } as const;

function imagePath(name: string): string {
  return join(IMAGES_DIR, `${name}.jpg`);
}

async function shot(page: Page, name: string, clip?: Clip): Promise<void> {
  await page.waitForTimeout(300); // let transitions settle
  await page.screenshot({
    path: imagePath(name),
    animations: 'disabled',
    ...JPEG,
    ...(clip ? { clip } : {}),
  });
  console.log(imagePath(name));
}

await main();
