/**
 * The pages in the reader's language: a Spanish browser gets the start page in Spanish without
 * a click; a switch to English is remembered over a reload; a board is created and joined in
 * Spanish, a wrong join code is refused in Spanish, and the report speaks Spanish, with
 * `<html lang="es">`. Screenshots in English and Spanish are kept in test-results/.
 */
import type { Browser, Page } from '@playwright/test';
import { apiErrorText } from '../../client/apiErrorText.ts';
import type { CreateBoardResponse } from '../../shared/api.ts';
import { CATALOGUES } from '../../shared/i18n/catalogues.ts';
import { translator } from '../../shared/i18n/translator.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, keepScreenshot } from './helpers.ts';

const es = CATALOGUES.es;
const en = CATALOGUES.en;
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
const NARROW = { viewport: { width: 320, height: 640 } };
const LAPTOP = { viewport: { width: 1280, height: 800 } };

async function open(
  browser: Browser,
  locale: string,
  screen: typeof PHONE | typeof LAPTOP | typeof NARROW = LAPTOP,
): Promise<Page> {
  const context = await browser.newContext({ ...screen, locale });
  return context.newPage();
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('a Spanish browser gets the start page in Spanish; a switch to English is remembered', async ({
  browser,
  server,
}) => {
  const page = await open(browser, 'es-ES', PHONE);
  await page.goto(server.baseUrl);
  await expect(page.getByRole('heading', { name: es['pages.start.join.heading'] })).toBeVisible();
  await expect(page.getByLabel(es['pages.start.create.titleLabel'])).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page).toHaveTitle(es['pages.title.start']);
  await noHorizontalScroll(page);
  await keepScreenshot(page, { path: 'test-results/languages-start-es-360.png', fullPage: true });

  await page.getByTestId('language-picker').selectOption('en');
  await expect(page.getByRole('heading', { name: en['pages.start.join.heading'] })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: en['pages.start.join.heading'] })).toBeVisible();
  await expect(page).toHaveTitle(en['pages.title.start']);
  await keepScreenshot(page, { path: 'test-results/languages-start-en-360.png', fullPage: true });

  // At 320 px with text at 200 %, the Spanish start page still reflows.
  const narrow = await open(browser, 'es-ES', NARROW);
  await narrow.goto(server.baseUrl);
  await narrow.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
  await expect(narrow.getByRole('heading', { name: es['pages.start.join.heading'] })).toBeVisible();
  await noHorizontalScroll(narrow);
  await keepScreenshot(narrow, {
    path: 'test-results/languages-start-es-320-200.png',
    fullPage: true,
  });
});

test('a board is created and joined in Spanish; a wrong code is refused in Spanish', async ({
  browser,
  server,
}) => {
  const facilitator = await open(browser, 'es-MX');
  await facilitator.goto(server.baseUrl);
  const created = facilitator.waitForResponse(
    (response) => response.url().endsWith('/api/boards') && response.request().method() === 'POST',
  );
  await facilitator.getByLabel(es['pages.start.create.titleLabel']).fill('Retiro de primavera');
  await facilitator.getByRole('button', { name: es['pages.start.create.submit'] }).click();
  const board = (await (await created).json()) as CreateBoardResponse;
  await expect(facilitator).toHaveURL(new RegExp(`/b/${board.boardId}$`));

  // A wrong code from a link: refused, in Spanish, and the page stays.
  const wrong = await open(browser, 'es-ES', PHONE);
  await wrong.goto(`${server.baseUrl}/join/${board.boardId}#code=ZZZZZZ`);
  await wrong.getByLabel(es['pages.join.nameLabel']).fill('Ana');
  const refused = wrong.waitForResponse((response) => response.url().endsWith('/participants'));
  await wrong.getByRole('button', { name: es['pages.join.submit'] }).click();
  const body: unknown = await (await refused).json();
  const code =
    typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string'
      ? body.code
      : null;
  const expected = apiErrorText(translator('es'), code);
  await expect(wrong.getByRole('alert')).toHaveText(expected);
  expect(expected).not.toBe(apiErrorText(translator('en'), code));

  // The right code: joined, in Spanish all the way.
  const phone = await open(browser, 'es-ES', PHONE);
  await phone.goto(board.joinUrl);
  await expect(phone.getByText(es['pages.join.eyebrow'])).toBeVisible();
  await expect(phone).toHaveTitle(es['pages.title.join'].replace('{title}', 'Retiro de primavera'));
  await noHorizontalScroll(phone);
  await keepScreenshot(phone, { path: 'test-results/languages-join-es-360.png', fullPage: true });
  const large = await open(browser, 'es-ES', NARROW);
  await large.goto(`${server.baseUrl}/join/${board.boardId}`);
  await large.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
  await expect(large.getByLabel(es['pages.join.codeLabel'])).toBeVisible();
  await noHorizontalScroll(large);
  await keepScreenshot(large, {
    path: 'test-results/languages-join-es-320-200.png',
    fullPage: true,
  });
  await phone.getByLabel(es['pages.join.nameLabel']).fill('   ');
  await phone.getByRole('button', { name: es['pages.join.submit'] }).click();
  await expect(phone.getByRole('alert')).toHaveText(es['pages.join.nameRequired']);
  await phone.getByLabel(es['pages.join.nameLabel']).fill('Ana');
  await phone.getByRole('button', { name: es['pages.join.submit'] }).click();
  await expect(phone).toHaveURL(new RegExp(`/b/${board.boardId}$`));
  await expect(phone.getByTestId('status-badge')).toBeVisible();

  const english = await open(browser, 'en-GB', PHONE);
  await english.goto(board.joinUrl);
  await expect(english.getByText(en['pages.join.eyebrow'])).toBeVisible();
  await keepScreenshot(english, { path: 'test-results/languages-join-en-360.png', fullPage: true });
});

test('the report of a Spanish reader is in Spanish, and its picture too', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Retiro de la alianza');
  const facilitator = await open(browser, 'es-ES');
  await facilitator.goto(board.facilitatorUrl);
  await expect(facilitator.getByTestId('status-badge')).toBeVisible();
  await facilitator.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  const report = facilitator.getByTestId('report');
  await expect(facilitator.getByTestId('report-element')).toHaveCount(6);
  await expect(facilitator.locator('html')).toHaveAttribute('lang', 'es');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText([
    translator('es').t('report.elements.heading', { count: 6 }),
    es['report.cards.heading'],
    es['report.rounds.heading'],
    es['timeline.chart.heading'],
  ]);
  await expect(report).toContainText(es['report.rounds.one']);
  await expect(report).toContainText('Alianza de Alto Rendimiento');
  await expect(report).not.toContainText(en['report.cards.heading']);
  await expect(facilitator).toHaveTitle(`Informe: Retiro de la alianza — Continuum`);
  const picture = await report.locator('.report-picture img').getAttribute('src');
  const svg = decodeURIComponent(
    (picture ?? '').replace(/^data:image\/svg\+xml;charset=utf-8,/, ''),
  );
  expect(svg).toContain('xml:lang="es"');
  expect(svg).toContain('Notas: tarjetas en su posición acordada');
  expect(svg).not.toContain('Notes:');
  await keepScreenshot(facilitator, { path: 'test-results/languages-report-es-1280.png' });

  // The picture as drawn, for a look.
  const shot = await open(browser, 'es-ES', { viewport: { width: 1188, height: 840 } });
  await shot.setContent(`<body style="margin:0">${svg}</body>`);
  await keepScreenshot(shot, { path: 'test-results/languages-picture-es.png' });

  // At 320 px the report reflows: no horizontal scroll.
  const narrow = await open(browser, 'es-ES', NARROW);
  await narrow.goto(board.facilitatorUrl);
  await expect(narrow.getByTestId('status-badge')).toBeVisible();
  await narrow.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  await expect(narrow.getByTestId('report-element')).toHaveCount(6);
  await noHorizontalScroll(narrow);

  // The same report for an English reader.
  const english = await open(browser, 'en-US');
  await english.goto(board.facilitatorUrl);
  await expect(english.getByTestId('status-badge')).toBeVisible();
  await english.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  await expect(english.getByRole('heading', { name: en['report.cards.heading'] })).toBeVisible();
  await expect(english.locator('html')).toHaveAttribute('lang', 'en');
  await keepScreenshot(english, { path: 'test-results/languages-report-en-1280.png' });
});
