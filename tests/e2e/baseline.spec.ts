/**
 * Since the last retreat (issue 16): a board created with an earlier board's snapshot as its
 * baseline shows nobody the earlier figures while placing; once revealed, a card shows where the
 * group stood then and where it stands now, with a mark on its axis, on the facilitator's laptop
 * and a participant's phone alike. The facilitator matches the card the baseline could not
 * match by hand. Screenshots (SCREENSHOTS=1) in test-results/screens/baseline.
 */
import type { JoinResponse } from '../../shared/api.ts';
import { setPlacement } from '../../shared/boardDoc.ts';
import { baselineSnapshot, REWORDED_CARD } from '../support/baselineSnapshot.ts';
import { type Connected, connect, postJson } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { axeViolations, confirmPhase, keepScreenshot, openPanel, row } from './helpers.ts';

const SCREENS = 'test-results/screens/baseline';

test('a board with a baseline shows then and now on a revealed card', async ({
  browser,
  server,
}) => {
  const laptopContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const laptop = await laptopContext.newPage();
  await laptop.goto(server.baseUrl);
  await laptop.getByLabel('Title').fill('Spring retreat');
  await laptop.getByLabel(/Compare with an earlier board/).setInputFiles({
    name: 'autumn-snapshot.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(baselineSnapshot())),
  });
  await expect(laptop.getByRole('status').filter({ hasText: 'Compared with' })).toHaveText(
    /Compared with “Autumn retreat”/,
  );
  await laptop.getByRole('button', { name: 'Create board' }).click();
  await expect(laptop.getByRole('heading', { name: 'Spring retreat' })).toBeVisible();
  const boardId = new URL(laptop.url()).pathname.split('/')[2] ?? '';
  await expect(laptop.getByTestId('join-code')).toHaveText(/^[A-Z2-9]{6,8}$/);
  const joinCode = (await laptop.getByTestId('join-code').textContent()) ?? '';
  const joinUrl = await laptop.getByTestId('join-url').inputValue();

  // Three people place the first card (median now 60 %; then 31 %).
  const people: Connected[] = [];
  for (const [index, name] of ['Ana', 'Ben', 'Cat'].entries()) {
    const joined = await postJson<JoinResponse>(
      server.baseUrl,
      `/api/boards/${boardId}/participants`,
      {
        joinCode,
        name,
      },
    );
    const client = await connect(server.baseUrl, boardId, joined.token);
    setPlacement(
      client.doc,
      joined.participantId,
      'trust.v1',
      { x: [0.5, 0.6, 0.7][index] ?? 0, round: 1, at: Date.now() },
      'local',
    );
    people.push(client);
  }

  const phoneContext = await browser.newContext({
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
  });
  const phone = await phoneContext.newPage();
  await phone.goto(joinUrl);
  await phone.getByLabel('Your name').fill('Dee');
  await phone.getByRole('button', { name: 'Join the board' }).click();
  await expect(row(phone, 'trust.v1')).toBeVisible();
  // While placing, nothing of the last retreat on anyone's screen.
  await expect(phone.getByTestId('since-baseline')).toHaveCount(0);
  await expect(laptop.getByTestId('since-baseline')).toHaveCount(0);

  await confirmPhase(laptop, 'Revealed');
  for (const page of [laptop, phone]) {
    const card = row(page, 'trust.v1');
    await expect(card.getByTestId('since-baseline')).toHaveText(
      'Last retreat 31% → now 60% (a large move)',
    );
    await expect(card.getByTestId('baseline-marker')).toBeVisible();
  }
  await row(phone, 'trust.v1').scrollIntoViewIfNeeded();
  await keepScreenshot(phone, { path: `${SCREENS}/phone-360.png` });
  await row(laptop, 'trust.v1').scrollIntoViewIfNeeded();
  await keepScreenshot(laptop, { path: `${SCREENS}/laptop-1280.png` });

  // The facilitator matches the reworded card by hand.
  await openPanel(laptop, 'Export');
  const summary = laptop.getByTestId('baseline-summary');
  await expect(summary).toContainText('47 of 48 cards matched');
  await laptop
    .getByTestId(`baseline-match-${REWORDED_CARD}`)
    .selectOption({ label: 'An older wording of this card' });
  await expect(summary).toContainText('48 of 48 cards matched');
  await keepScreenshot(laptop, { path: `${SCREENS}/laptop-matches.png` });
  expect(await axeViolations(laptop)).toEqual([]);
  expect(await axeViolations(phone)).toEqual([]);

  // The report: since the last retreat, a picture with the arrows and the moves.
  const report = await laptopContext.newPage();
  await report.goto(`${server.baseUrl}/b/${boardId}/report`);
  const since = report.getByTestId('report-since');
  await expect(since.getByRole('heading', { name: 'Since the last retreat' })).toBeVisible();
  await expect(since.getByTestId('report-since-card')).toHaveCount(1);
  await expect(since.getByTestId('report-since-card')).toContainText('+29 pts');
  await since.scrollIntoViewIfNeeded();
  await keepScreenshot(report, { path: `${SCREENS}/report-since.png` });

  for (const client of people) client.close();
});
