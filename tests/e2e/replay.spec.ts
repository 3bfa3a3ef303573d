/**
 * The facilitator's replay of the day (issue 16, "Over the day"): the slider moves the figures
 * back to an earlier moment, the replay says it is one and when, and "Back to live" returns to
 * the board; the report charts each element over the day.
 */
import { fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { axeViolations, createBoardViaApi, keepScreenshot } from './helpers.ts';

const SCREENS = 'test-results/screens/replay';

test('the replay slider moves the figures to an earlier moment of the day', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Replay');
  // Three place trust.v1 (median 30 %), and the facilitator reveals: recorded.
  await fillBoard(server.baseUrl, board, [
    { name: 'P1', placements: { 'trust.v1': 0.2, 'trust.v2': 0.6, 'values.v1': 0.5 } },
    { name: 'P2', placements: { 'trust.v1': 0.3, 'trust.v2': 0.7, 'values.v1': 0.6 } },
    { name: 'P3', placements: { 'trust.v1': 0.4, 'trust.v2': 0.8, 'values.v1': 0.7 } },
  ]);
  await setBoardPhase(server.baseUrl, board, 'revealed');
  // Back to placing, a fourth places far off (median 35 %), revealed and discussed: recorded.
  await setBoardPhase(server.baseUrl, board, 'placing');
  await fillBoard(server.baseUrl, board, [
    { name: 'P4', placements: { 'trust.v1': 0.9, 'trust.v2': 0.9, 'values.v1': 0.9 } },
  ]);
  await setBoardPhase(server.baseUrl, board, 'revealed');
  await setBoardPhase(server.baseUrl, board, 'discussing');

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    const facilitator = await context.newPage();
    await facilitator.goto(board.facilitatorUrl);
    await facilitator.getByRole('button', { name: 'Replay' }).click();
    const replay = facilitator.getByTestId('replay');
    await expect(replay.getByText('Replay of the day')).toBeVisible();
    const trust = replay.locator('[data-card-id="trust.v1"]');
    const slider = replay.getByTestId('replay-slider');
    const moment = replay.getByTestId('replay-moment');
    // At first the latest moment: the discussion, with the fourth placement.
    await expect(moment).toContainText('Discussing');
    await expect(trust.getByTestId('replay-card-figures')).toContainText('median 35%');
    await expect(trust.getByTestId('replay-card-figures')).toContainText('4 placements');
    await keepScreenshot(facilitator, { path: `${SCREENS}-latest-${viewport.width}.png` });
    // Back to the first reveal: three placements, median 30 %, and the time of day shown.
    await slider.focus();
    await facilitator.keyboard.press('Home');
    await expect(moment).toContainText('1 of');
    for (let step = 0; step < 10 && !(await moment.textContent())?.includes('Revealed'); step++) {
      await facilitator.keyboard.press('ArrowRight');
    }
    await expect(moment).toContainText('Revealed');
    await expect(trust.getByTestId('replay-card-figures')).toContainText('median 30%');
    await expect(trust.getByTestId('replay-card-figures')).toContainText('3 placements');
    await expect(moment).toContainText(/\d\d:\d\d/);
    // A card with fewer than three placements then has no figures.
    await expect(
      replay.locator('[data-card-id="trust.p1"]').getByTestId('replay-card-figures'),
    ).toHaveText('fewer than three placements');
    await keepScreenshot(facilitator, { path: `${SCREENS}-first-${viewport.width}.png` });
    expect(await axeViolations(facilitator)).toEqual([]);
    // Step forward to the discussion again, then back to the live board.
    await facilitator.keyboard.press('End');
    await expect(trust.getByTestId('replay-card-figures')).toContainText('median 35%');
    await replay.getByRole('button', { name: 'Back to live' }).click();
    await expect(facilitator.getByTestId('replay')).toHaveCount(0);
    await expect(facilitator.locator('[data-card-id="trust.v1"]').first()).toBeVisible();
    await context.close();
  }

  // The report charts each element over the day.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const report = await context.newPage();
  await report.goto(board.facilitatorUrl);
  await expect(report.getByTestId('status-badge')).toBeVisible();
  await report.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  const charts = report.getByTestId('report-timeline-chart');
  // Trust and Shared Values had figures; the others say they had none.
  await expect(charts).toHaveCount(2);
  await expect(report.getByTestId('report-timeline')).toContainText(
    'No card had three placements.',
  );
  await expect(charts.first()).toHaveAttribute('aria-label', /^Trust: position from 50%/);
  await report.getByTestId('report-timeline').scrollIntoViewIfNeeded();
  await keepScreenshot(report.getByTestId('report-timeline'), {
    path: `${SCREENS}-report-chart-1280.png`,
  });
  expect(await axeViolations(report)).toEqual([]);
  await context.close();
});
