import { expect, test } from './fixtures.ts';
import {
  chip,
  confirmPhase,
  createBoardViaApi,
  joinAs,
  keyboardPlace,
  mouseDrag,
  newPage,
  row,
} from './helpers.ts';

function inLanguage(url: string, lang: string): string {
  const [before, hash] = url.split('#');
  const address = new URL(before ?? url);
  address.searchParams.set('lang', lang);
  return hash === undefined ? address.toString() : `${address.toString()}#${hash}`;
}

test('shots', async ({ browser, server }) => {
  test.setTimeout(240_000);
  const board = await createBoardViaApi(server.baseUrl, 'Shots');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const ana = await newPage(browser);
  const ben = await newPage(browser);
  const cleo = await newPage(browser);
  await joinAs(ana, board.joinUrl, 'Ana');
  await joinAs(ben, board.joinUrl, 'Ben');
  await joinAs(cleo, board.joinUrl, 'Cleo');
  await keyboardPlace(ana, 'trust.v1', 7, 2);
  await mouseDrag(ben, 'trust.v1', 0.3);
  await mouseDrag(cleo, 'trust.v1', 0.8);
  await mouseDrag(ben, 'trust.v2', 0.5);
  await expect(chip(cleo, 'trust.v1')).not.toHaveAttribute('data-position', '');
  await confirmPhase(facilitator, 'Revealed');
  await row(facilitator, 'trust.v1')
    .getByRole('button', { name: 'Record the agreed position' })
    .click();
  for (const lang of ['en', 'es']) {
    await ana.goto(inLanguage(ana.url(), lang));
    await facilitator.goto(inLanguage(facilitator.url(), lang));
    await row(facilitator, 'trust.v1')
      .getByRole('button', {
        name: lang === 'en' ? 'Record the agreed position' : 'Registrar la posición acordada',
      })
      .click();
    for (const [w, h] of [
      [360, 780],
      [1280, 800],
    ] as const) {
      for (const [name, page] of [
        ['participant', ana],
        ['facilitator', facilitator],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await row(page, 'trust.v1').scrollIntoViewIfNeeded();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `/tmp/shots/${name}-${lang}-${w}.png` });
      }
    }
    for (const [name, page] of [
      ['participant', ana],
      ['facilitator', facilitator],
    ] as const) {
      await page.setViewportSize({ width: 320, height: 700 });
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => {
        const wide: string[] = [];
        for (const el of document.querySelectorAll('.card-row *')) {
          const r = el.getBoundingClientRect();
          if (r.right > document.documentElement.clientWidth + 1 && r.width > 0)
            wide.push(`${el.className || el.tagName} ${Math.round(r.right)}`);
        }
        return {
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
          wide: wide.slice(0, 15),
        };
      });
      console.log(name, lang, JSON.stringify(overflow));
      await row(page, 'trust.v1').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `/tmp/shots/${name}-${lang}-320-200.png` });
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });
    }
  }
});
