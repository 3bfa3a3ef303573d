/**
 * A board from one's own rubric file (issue 16): the facilitator chooses the file on the start
 * page, sees it named back, and the board shows its elements and cards; a Spanish phone reads the
 * cards in Spanish where the file has them and in English, marked so, where it does not; a
 * broken file is refused naming the field. Screenshots in test-results/.
 */
import { expect, test } from './fixtures.ts';
import { keepScreenshot, newPage } from './helpers.ts';

const RUBRIC_FILE = {
  title: { en: 'School partnership', es: 'Alianza escolar' },
  axis: { left: { en: 'Apart', es: 'Separados' }, right: { en: 'As one', es: 'Como uno' } },
  elements: [
    {
      name: { en: 'Safeguarding', es: 'Protección' },
      cards: [
        {
          text: { en: 'Each keeps its own records', es: 'Cada uno lleva sus registros' },
          column: 'vendor',
        },
        { text: { en: 'One shared plan' }, column: 'partnership' },
      ],
    },
    { name: 'Funding', cards: [{ text: 'We apply together', column: 'partnership' }] },
  ],
};

function asFile(value: unknown, name = 'rubric.json') {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(value)) };
}

test('a board made from a rubric file shows its own elements and cards, in each reader’s language', async ({
  browser,
  server,
}) => {
  const facilitator = await newPage(browser);
  await facilitator.goto(server.baseUrl);
  await facilitator.getByLabel('Title').fill('Autumn retreat');

  // A broken file is refused, naming the field, and nothing is chosen.
  const broken = structuredClone(RUBRIC_FILE) as { elements: { cards: unknown[] }[] };
  broken.elements[1]?.cards.push({ text: 'x', column: 'middle' });
  await facilitator.getByLabel('Start from a rubric file').setInputFiles(asFile(broken));
  await expect(facilitator.getByRole('alert')).toContainText('elements.1.cards.1.column');

  await facilitator.getByLabel('Start from a rubric file').setInputFiles(asFile(RUBRIC_FILE));
  await expect(facilitator.getByRole('status').filter({ hasText: 'Rubric:' })).toHaveText(
    /Rubric: School partnership \(2 elements, 3 cards\)/,
  );
  await keepScreenshot(facilitator, { path: 'test-results/rubric-file-start.png', fullPage: true });
  await facilitator.getByRole('button', { name: 'Create board' }).click();
  await expect(facilitator.getByRole('heading', { name: 'Autumn retreat' })).toBeVisible();
  await expect(facilitator.locator('.element-lane')).toHaveCount(2);
  await expect(facilitator.locator('.card-row')).toHaveCount(3);
  await expect(facilitator.locator('[data-card-id="funding.p1"]')).toContainText(
    'We apply together',
  );
  await keepScreenshot(facilitator, { path: 'test-results/rubric-file-board.png' });

  // A Spanish phone joins by the link, once the link carries the code.
  await expect(facilitator.getByTestId('join-code')).toHaveText(/^[A-Z2-9]{6,8}$/);
  const joinUrl = await facilitator.getByTestId('join-url').inputValue();
  expect(joinUrl).toContain('#code=');
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    locale: 'es-ES',
  });
  const phone = await context.newPage();
  await phone.goto(joinUrl);
  await phone.getByLabel('Tu nombre').fill('Ana');
  await phone.getByRole('button', { name: /Unirme/ }).click();
  const translated = phone.locator('[data-card-id="safeguarding.v1"]');
  // Joining loads the board and the Spanish texts on a phone: allow it the time a slow one takes.
  await expect(translated).toContainText('Cada uno lleva sus registros', { timeout: 15_000 });
  // The rubric's own axis, in Spanish, where a phone has room for two words only.
  await expect(phone.locator('.label-short').first()).toHaveText('Separados');
  // No Spanish for this one: the English, marked as English for a screen reader.
  const untranslated = phone.locator('[data-card-id="safeguarding.p1"]');
  await expect(untranslated).toContainText('One shared plan');
  await expect(untranslated.locator('[lang="en"]').first()).toBeVisible();
  await keepScreenshot(phone, { path: 'test-results/rubric-file-phone-es.png', fullPage: true });
  await context.close();
});

test('the standard rubric downloads as a rubric file that makes the same board', async ({
  browser,
  server,
}) => {
  const page = await newPage(browser);
  await page.goto(server.baseUrl);
  const downloading = page.waitForEvent('download');
  await page
    .getByRole('button', { name: 'Download the Elements of Partnership as a rubric file' })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('elements-of-partnership-rubric.json');
  const path = await download.path();
  await page.getByLabel('Title').fill('From the template');
  await page.getByLabel('Start from a rubric file').setInputFiles(path);
  await expect(page.getByRole('status').filter({ hasText: 'Rubric:' })).toContainText(
    '6 elements, 48 cards',
  );
  await page.getByRole('button', { name: 'Create board' }).click();
  await expect(page.getByRole('heading', { name: 'From the template' })).toBeVisible();
  await expect(page.locator('.card-row')).toHaveCount(48);
  await expect(page.locator('[data-card-id="trust.v1"]')).toBeVisible();
});
