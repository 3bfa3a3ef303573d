/**
 * A real room, of 30 (in Spanish) and of 60 (in English): the facilitator on a 1280×800 laptop, one participant on a
 * 360 px touch phone and the projector (1920×1080 and 1280×720) in real Chromium; everyone else
 * as stock y-websocket clients that stay connected, most finishing every card, some leaving a
 * few, some placing none, two whose phones lock, and one person placed for by proxy.
 *
 * It asserts the layout invariants a room needs (not pixels) in every phase and keeps a
 * screenshot of every screen in every phase as test artifacts (test-results/e2e/…/*.png).
 *
 * It starts its own server as `npm start` runs it (every interface, no PUBLIC_URL): the links
 * every screen shows must then use the machine's LAN address, never localhost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page, TestInfo } from '@playwright/test';
import type { CreateBoardResponse } from '../../shared/api.ts';
import type { Phase } from '../../shared/boardDoc.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import { type Translator, translator } from '../../shared/i18n/translator.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { postJson, setBoardPhase } from '../support/boardFiller.ts';
import { addPlacedProxy, type CrowdMember, joinCrowd } from '../support/roomCrowd.ts';
import {
  freePort,
  REPO_ROOT,
  type ServerProcess,
  startServerProcess,
} from '../support/serverProcess.ts';
import { expect, test } from './fixtures.ts';
import { keepScreenshot } from './helpers.ts';

const ORGANISATIONS = ['County Health', 'Family Alliance', 'School District'];
const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
/** The phone's card: the crowd's median sits right where the phone put it (the hard case). */
const PHONE_CARD = 'trust.v1';
const PHONE_X = 0.6;
const centre = (cardId: string) =>
  cardId === PHONE_CARD ? PHONE_X : 0.25 + (cardId.length % 5) * 0.12;
/** Who finishes: most; every seventh leaves seven cards; every eleventh places nothing. */
const cardsFor = (index: number) =>
  index % 11 === 4 ? 0 : index % 7 === 3 ? CARD_IDS.length - 7 : CARD_IDS.length;

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'continuum-room-'));
  // As `npm start` runs: on every interface, PUBLIC_URL unset.
  const env: Record<string, string> = { HOST: '0.0.0.0', PUBLIC_URL: '' };
  server = await startServerProcess(dataDir, await freePort(), {
    clientDir: resolve(REPO_ROOT, 'dist/client'),
    env,
  });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Room {
  board: CreateBoardResponse;
  /** The origin links must use: the LAN address, or loopback on a machine without one. */
  origin: string;
  crowd: CrowdMember[];
  facilitator: Page;
  phone: Page;
  projector: Page;
}

async function openRoom(browser: Browser, size: number, lang: Locale): Promise<Room> {
  const locale = lang === 'es' ? 'es-ES' : 'en-US';
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: `Retreat of ${size}`,
    organisations: ORGANISATIONS,
  });
  const addresses = (await (await fetch(`${server.baseUrl}/api/addresses`)).json()) as {
    origin: string;
  };
  const facilitator = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 }, locale })
  ).newPage();
  await facilitator.goto(board.facilitatorUrl);
  const phone = await (
    await browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
      locale,
    })
  ).newPage();
  const projectorLink = await facilitatorPost<{ url: string }>(board, 'observer-links');
  const projector = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale })
  ).newPage();
  await projector.goto(projectorLink.url);
  return { board, origin: addresses.origin, crowd: [], facilitator, phone, projector };
}

async function facilitatorPost<T>(board: CreateBoardResponse, route: string): Promise<T> {
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

/** Every address a page shows or links to: texts, link targets, fields, QR labels. */
async function shownAddresses(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const pattern = /https?:\/\/[^\s"'<>]+|\b(?:localhost|127\.0\.0\.1)(?::\d+)?\b/g;
    const scan = (text: string | null | undefined) => {
      for (const match of (text ?? '').matchAll(pattern)) found.push(match[0]);
    };
    scan(document.body.textContent);
    for (const element of document.querySelectorAll(
      'a[href], input, textarea, [aria-label], [title]',
    )) {
      scan(element.getAttribute('href'));
      scan((element as HTMLInputElement).value);
      scan(element.getAttribute('aria-label'));
      scan(element.getAttribute('title'));
    }
    return found;
  });
}

function isLoopback(origin: string): boolean {
  const host = new URL(origin).hostname;
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]';
}

async function expectLinksUse(page: Page, origin: string): Promise<void> {
  if (isLoopback(origin)) return; // a machine without a network: loopback is all there is
  for (const address of await shownAddresses(page)) {
    expect(address, `an address shown on ${page.url()}`).not.toMatch(/localhost|127\.0\.0\.1/);
    if (address.startsWith('http')) expect(address.startsWith(origin)).toBe(true);
  }
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

async function progressOf(page: Page) {
  const progress = page.getByTestId('room-progress').first();
  await expect(progress).toBeVisible();
  const read = async (name: string) => Number(await progress.getAttribute(`data-${name}`));
  return {
    here: await read('here'),
    finished: await read('finished'),
    placing: await read('placing'),
    total: await read('total'),
  };
}

/** What the screen shows without scrolling, and (where it scrolls) the whole page. */
async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return; // pictures for people: see keepScreenshot
  const path = info.outputPath(`${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await keepScreenshot(page, { path });
  await info.attach(name, { path, contentType: 'image/png' });
  const scrolls = await page.evaluate(
    () => (document.scrollingElement?.scrollHeight ?? 0) > window.innerHeight,
  );
  if (scrolls)
    await keepScreenshot(page, { path: info.outputPath(`${name}-full-page.png`), fullPage: true });
}

async function screens(room: Room, info: TestInfo, size: number, phase: Phase): Promise<void> {
  await shoot(room.facilitator, info, `${size}-${phase}-facilitator-1280x800`);
  await shoot(room.phone, info, `${size}-${phase}-phone-360`);
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await room.projector.setViewportSize(viewport);
    await projectorFits(room.projector);
    await shoot(
      room.projector,
      info,
      `${size}-${phase}-projector-${viewport.width}x${viewport.height}`,
    );
  }
}

/** The wall fits its screen: no scrolling, every element in view. */
async function projectorFits(page: Page): Promise<void> {
  await expect(page.getByTestId('projector')).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(() => (document.scrollingElement?.scrollHeight ?? 0) - window.innerHeight),
    )
    .toBeLessThanOrEqual(0);
  await noHorizontalOverflow(page);
}

async function allElementsOnTheWall(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  const sections = page.getByTestId('wall-view').locator('[data-element-id]');
  await expect(sections).toHaveCount(ELEMENTS_OF_PARTNERSHIP.elements.length);
  for (const section of await sections.all()) {
    const box = await section.boundingBox();
    expect(box).not.toBeNull();
    if (!box) continue;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 1);
  }
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const ROOMS: { size: number; lang: Locale }[] = [
  { size: 30, lang: 'es' },
  { size: 60, lang: 'en' },
];

for (const { size, lang } of ROOMS) {
  test(`a room of ${size} (${lang}): every screen fits, counts and links right in every phase`, async ({
    browser,
  }, info) => {
    test.setTimeout(240_000);
    const tr: Translator = translator(lang);
    const room = await openRoom(browser, size, lang);
    for (const page of [room.facilitator, room.projector]) {
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
    }
    const { board, facilitator, phone, projector } = room;
    await expectLinksUse(facilitator, room.origin);
    await expect(facilitator).toHaveURL(new RegExp(`^${room.origin}`));

    // Setup: the facilitator prepares, the room waits.
    await setBoardPhase(server.baseUrl, board, 'setup');
    await phone.goto(board.joinUrl);
    await expect(phone).toHaveURL(new RegExp(`^${room.origin}`));
    await phone.getByLabel(tr.t('pages.join.nameLabel')).fill('Phone person');
    await phone
      .getByLabel(tr.t('pages.join.organisationLabel'))
      .selectOption(ORGANISATIONS[1] ?? '');
    await phone.getByRole('button', { name: tr.t('pages.join.submit') }).click();
    await expect(phone.getByText(tr.t('board.banner.waiting'))).toBeVisible();
    await screens(room, info, size, 'setup');

    // Placing: the crowd (everyone but the phone and the facilitator) and one proxy.
    await setBoardPhase(server.baseUrl, board, 'placing');
    const crowdSize = size - 2;
    room.crowd = await joinCrowd(server.baseUrl, board, {
      size: crowdSize,
      cardIds: CARD_IDS,
      organisations: ORGANISATIONS,
      cardsFor,
      centre,
    });
    await addPlacedProxy(server.baseUrl, board, CARD_IDS, centre);
    // The phone places its card by touch: a tap on the track puts the handle there.
    const phoneRow = phone.locator(`[data-card-id="${PHONE_CARD}"]`);
    const axis = await phoneRow.locator('.axis').boundingBox();
    expect(axis).not.toBeNull();
    if (!axis) return;
    expect(axis.width).toBeGreaterThanOrEqual(0.85 * 360);
    await placeByTouch(phone, PHONE_CARD, PHONE_X);

    const finishedInCrowd = room.crowd.filter((member) => member.placed === CARD_IDS.length);
    const expected = {
      total: crowdSize + 2, // the crowd, the phone and the proxy
      here: crowdSize + 1, // the proxy is never here
      finished: finishedInCrowd.length + 1, // the proxy finished; the phone placed one card
    };
    await expect.poll(async () => (await progressOf(facilitator)).here).toBe(expected.here);
    // Two phones lock: their people are still in the room for two minutes.
    for (const member of room.crowd.slice(0, 2)) member.connection.close();
    for (const page of [facilitator, phone, projector]) {
      await expect
        .poll(async () => progressOf(page))
        .toEqual({
          ...expected,
          placing: expected.here - finishedInCrowd.length,
        });
    }
    await expect(
      phone.getByText(tr.t('board.mini.ownLong', { placed: 1, total: CARD_IDS.length })).first(),
    ).toBeAttached();

    // The facilitator's header stays a header however many people there are.
    const header = await facilitator.getByTestId('board-header').boundingBox();
    expect(header?.height ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(120);
    await noHorizontalOverflow(phone);
    await noHorizontalOverflow(facilitator);
    await expectLinksUse(facilitator, room.origin);
    await expectLinksUse(projector, room.origin);
    await screens(room, info, size, 'placing');

    // Revealed: the group shows; the phone's own handle never hides the median.
    await setBoardPhase(server.baseUrl, board, 'revealed');
    const median = phoneRow.getByTestId('median');
    await expect(median).toBeVisible();
    const own = await phoneRow.getByTestId('chip').boundingBox();
    const tick = await median.boundingBox();
    expect(own && tick && overlaps(own, tick)).toBe(false);
    await noHorizontalOverflow(phone);
    await screens(room, info, size, 'revealed');
    await allElementsOnTheWall(projector);

    for (const phase of ['discussing', 'final'] as const) {
      await setBoardPhase(server.baseUrl, board, phase);
      await expect(projector.getByTestId('phase')).toHaveAttribute('data-phase', phase);
      await noHorizontalOverflow(phone);
      await screens(room, info, size, phase);
      await allElementsOnTheWall(projector);
    }
    await expect(phone.getByText(tr.t('board.banner.locked')).first()).toBeVisible();

    for (const member of room.crowd) member.connection.close();
    for (const page of [facilitator, phone, projector]) await page.context().close();
  });
}

/** A touch drag of the phone's own handle from its tray to `x` of the card's axis. */
async function placeByTouch(page: Page, cardId: string, x: number): Promise<void> {
  const row = page.locator(`[data-card-id="${cardId}"]`);
  await row.scrollIntoViewIfNeeded();
  const handle = await row.getByTestId('chip').boundingBox();
  const axis = await row.locator('.axis').boundingBox();
  if (!handle || !axis) throw new Error('no handle or axis');
  const client = await page.context().newCDPSession(page);
  const point = (px: number, py: number) => [{ x: px, y: py }];
  const startX = handle.x + handle.width / 2;
  const startY = handle.y + handle.height / 2;
  await client.send('Input.dispatchTouchEvent', {
    type: 'touchStart',
    touchPoints: point(startX, startY),
  });
  await page.waitForTimeout(350); // a short press starts the drag, so a swipe still scrolls
  const endX = axis.x + x * axis.width;
  const endY = axis.y + axis.height / 2;
  for (let step = 1; step <= 12; step++) {
    await client.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: point(
        startX + ((endX - startX) * step) / 12,
        startY + ((endY - startY) * step) / 12,
      ),
    });
  }
  await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect
    .poll(async () =>
      Math.abs(Number(await row.getByTestId('chip').getAttribute('data-position')) - x),
    )
    .toBeLessThanOrEqual(0.04);
}
