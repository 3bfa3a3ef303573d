/**
 * Every word comes from a catalogue, in every phase, on every screen:
 * - on the Spanish board no text (nor a label a screen reader reads) equals an English catalogue
 *   message or rubric text whose Spanish differs (people's names and reasons excluded: they are
 *   what people typed);
 * - in the pseudo-locale every text is accented and bracketed, so a word written in code shows;
 * - at 320 CSS px and at 200 % text the pages reflow without horizontal scrolling.
 */
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import { PHASES, type Phase } from '../../shared/boardDoc.ts';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../shared/i18n/pseudo.ts';
import { fillBoard, postJson, setBoardPhase } from '../support/boardFiller.ts';
import {
  type EnglishText,
  englishOnlyTexts,
  type ShownText,
  shownTexts,
} from '../support/interfaceTexts.ts';
import { expect, test } from './fixtures.ts';

const PEOPLE = [
  { name: 'Ana', reasons: { 'trust.v1': 'Trabajamos juntos cada semana' } },
  { name: 'Beto', reasons: {} },
  { name: 'Carla', reasons: {} },
];
const ORGANISATIONS = ['Salud del Condado', 'Escuelas'];
/** The person on the board's screens: a long name must not widen a narrow one. */
const LONG_NAME = 'Lucía Bartholomew-Fitzgerald';
/** What people typed: names, reasons, the board's title, organisations. Never translated. */
const TYPED = new Set([
  LONG_NAME,
  'Retiro 2026',
  ...ORGANISATIONS,
  ...PEOPLE.map((person) => person.name),
  ...PEOPLE.flatMap((person) => Object.values(person.reasons)),
]);

interface Screens {
  board: CreateBoardResponse;
  pages: { name: string; page: Page }[];
}

type ScreenName = 'participant' | 'phone' | 'facilitator' | 'projector';
const ALL_SCREENS: ScreenName[] = ['participant', 'phone', 'facilitator', 'projector'];

async function openBoard(
  browser: Browser,
  server: { baseUrl: string },
  lang: string,
  names: ScreenName[] = ALL_SCREENS,
): Promise<Screens> {
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Retiro 2026',
    organisations: ORGANISATIONS,
  });
  await fillBoard(
    server.baseUrl,
    board,
    PEOPLE.map((person, index) => ({
      name: person.name,
      organisation: ORGANISATIONS[index % 2] ?? '',
      placements: {
        'trust.v1': 0.2 + index * 0.3,
        'trust.v2': 0.5,
        'values.p1': 0.7 - index * 0.2,
      },
      reasons: person.reasons,
    })),
  );
  const joined = await postJson<JoinResponse>(
    server.baseUrl,
    `/api/boards/${board.boardId}/participants`,
    {
      joinCode: board.joinCode,
      name: LONG_NAME,
      organisation: ORGANISATIONS[0],
    },
  );
  const projector = await fetch(`${server.baseUrl}/api/boards/${board.boardId}/observer-links`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${board.facilitatorToken}`,
    },
    body: '{}',
  });
  const projectorUrl = ((await projector.json()) as { url: string }).url;
  const withLang = (url: string) => {
    const address = new URL(url);
    address.searchParams.set('lang', lang);
    return address.toString();
  };
  const open = async (options: BrowserContextOptions, url: string) => {
    const page = await (await browser.newContext(options)).newPage();
    await page.goto(withLang(url));
    return page;
  };
  const participantUrl = `${server.baseUrl}/b/${board.boardId}#token=${joined.token}`;
  const screens: Record<ScreenName, () => Promise<Page>> = {
    participant: () => open({ viewport: { width: 1280, height: 800 } }, participantUrl),
    phone: () =>
      open(
        { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
        participantUrl,
      ),
    facilitator: () => open({ viewport: { width: 1280, height: 800 } }, board.facilitatorUrl),
    projector: () => open({ viewport: { width: 1920, height: 1080 } }, projectorUrl),
  };
  const pages: Screens['pages'] = [];
  for (const name of names) pages.push({ name, page: await screens[name]() });
  return { board, pages };
}

async function inPhase(screens: Screens, baseUrl: string, phase: Phase): Promise<void> {
  await setBoardPhase(baseUrl, screens.board, phase);
  for (const { page } of screens.pages) {
    await expect(page.getByTestId('phase').first()).toHaveAttribute('data-phase', phase);
  }
}

/** Opens each of the facilitator's panels in turn, reading what it says, and closes it. */
async function facilitatorPanelTexts(page: Page): Promise<ShownText[]> {
  const texts: ShownText[] = [];
  const toggles = page.locator('.facilitator-bar .popover-button');
  const count = await toggles.count();
  for (let index = 0; index < count; index++) {
    const toggle = toggles.nth(index);
    if (!(await toggle.isVisible()) || (await toggle.isDisabled())) continue;
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    texts.push(...(await shownTexts(page)));
    await page.keyboard.press('Escape');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  }
  return texts;
}

test('the Spanish board shows no English on any screen in any phase', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const english = englishOnlyTexts();
  expect(english.length).toBeGreaterThan(200);
  const screens = await openBoard(browser, server, 'es');
  const leaks = new Set<string>();
  // Each text is matched once against the catalogue's patterns: the same texts repeat on every
  // screen and in every phase.
  const matchOf = new Map<string, EnglishText | undefined>();
  const englishMatch = (text: string) => {
    if (!matchOf.has(text)) {
      matchOf.set(
        text,
        english.find((candidate) => candidate.matches(text)),
      );
    }
    return matchOf.get(text);
  };
  const check = (screen: string, phase: string, texts: ShownText[]) => {
    for (const shown of texts) {
      if (TYPED.has(shown.text)) continue;
      const match = englishMatch(shown.text);
      if (match) leaks.add(`${phase} ${screen} ${shown.where}: "${shown.text}" (${match.what})`);
    }
  };
  for (const phase of PHASES) {
    await inPhase(screens, server.baseUrl, phase);
    for (const { name, page } of screens.pages) {
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      check(name, phase, await shownTexts(page));
    }
    const facilitator = screens.pages.find((screen) => screen.name === 'facilitator')?.page;
    if (facilitator && (phase === 'placing' || phase === 'discussing')) {
      check('facilitator panels', phase, await facilitatorPanelTexts(facilitator));
    }
  }
  const report = screens.pages[2]?.page;
  if (!report) throw new Error('no facilitator page');
  await report.goto(`${server.baseUrl}/b/${screens.board.boardId}/report?lang=es`);
  await expect(report.getByTestId('report-element')).toHaveCount(6);
  check('report', 'final', await shownTexts(report));
  expect([...leaks]).toEqual([]);
});

const PSEUDO_LETTERS = /[àƀçđéƒĝĥíĵķĺɱñöþʠŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ]/u;

test('in the pseudo-locale every word on every screen came from a catalogue', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const screens = await openBoard(browser, server, 'en-XA');
  const plain = new Set<string>();
  const check = (screen: string, phase: string, texts: ShownText[]) => {
    for (const shown of texts) {
      if (!/\p{L}{2}/u.test(shown.text)) continue; // figures, symbols
      // What people typed, maybe after a separator ("· Escuelas"), and the languages' own names.
      const typed = shown.text.replace(/^[·–—,:\s]+/, '');
      if (TYPED.has(typed) || typed === 'English' || typed === 'Español') continue;
      if (/^https?:\/\//.test(shown.text) || /^[A-Z0-9]{4,8}(-[A-Z0-9]{4})*$/.test(shown.text))
        continue;
      if (shown.text.includes(PSEUDO_OPEN) || shown.text.includes(PSEUDO_CLOSE)) continue;
      if (PSEUDO_LETTERS.test(shown.text)) continue;
      plain.add(`${phase} ${screen} ${shown.where}: "${shown.text}"`);
    }
  };
  for (const phase of PHASES) {
    await inPhase(screens, server.baseUrl, phase);
    for (const { name, page } of screens.pages) check(name, phase, await shownTexts(page));
    const facilitator = screens.pages[2]?.page;
    if (facilitator && phase === 'discussing') {
      check('facilitator panels', phase, await facilitatorPanelTexts(facilitator));
    }
  }
  const report = screens.pages[2]?.page;
  if (!report) throw new Error('no facilitator page');
  await report.goto(`${server.baseUrl}/b/${screens.board.boardId}/report?lang=en-XA`);
  await expect(report.getByTestId('report-element')).toHaveCount(6);
  check('report', 'final', await shownTexts(report));
  expect([...plain]).toEqual([]);
});

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);
}

for (const lang of ['en', 'es']) {
  test(`at 320 px and at 200 % text nothing scrolls sideways (${lang})`, async ({
    browser,
    server,
  }) => {
    test.setTimeout(180_000);
    const screens = await openBoard(browser, server, lang, ['participant', 'facilitator']);
    const [participant, facilitator] = screens.pages;
    if (!participant || !facilitator) throw new Error('screens');
    const start = await (await browser.newContext()).newPage();
    await start.goto(`${server.baseUrl}/?lang=${lang}`);
    const join = await (await browser.newContext()).newPage();
    await join.goto(screens.board.joinUrl.replace('#', `?lang=${lang}#`));
    const pages = [
      { name: 'start', page: start },
      { name: 'join', page: join },
      { name: 'participant', page: participant.page },
      { name: 'facilitator', page: facilitator.page },
    ];
    for (const phase of ['placing', 'revealed'] as const) {
      await inPhase(screens, server.baseUrl, phase);
      for (const { name, page } of pages) {
        await page.setViewportSize({ width: 320, height: 640 });
        await expect
          .poll(() => horizontalOverflow(page), `${name} at 320 px, ${phase}`)
          .toBeLessThanOrEqual(0);
        await page.setViewportSize({ width: 1280, height: 800 });
        const bigText = await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
        await expect
          .poll(() => horizontalOverflow(page), `${name} at 200 %, ${phase}`)
          .toBeLessThanOrEqual(0);
        await bigText.evaluate((element) => (element as HTMLStyleElement).remove());
      }
    }
    await facilitator.page.goto(`${server.baseUrl}/b/${screens.board.boardId}/report?lang=${lang}`);
    await expect(facilitator.page.getByTestId('report-element')).toHaveCount(6);
    await facilitator.page.setViewportSize({ width: 320, height: 640 });
    await expect.poll(() => horizontalOverflow(facilitator.page)).toBeLessThanOrEqual(0);
  });
}
