/**
 * The facilitator edits the rubric live while a participant watches (issue 16), and a
 * participant's proposal becomes a card the room places. Screenshots in test-results/ with
 * SCREENSHOTS=1.
 */
import { expect, test } from './fixtures.ts';
import {
  confirmPhase,
  createBoardViaApi,
  joinAs,
  keepScreenshot,
  openPanel,
  row,
} from './helpers.ts';

test('the facilitator edits the rubric in Setup and a participant sees each change at once', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Spring retreat');
  const facilitator = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await facilitator.goto(board.facilitatorUrl);
  const phone = await (
    await browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    })
  ).newPage();
  await joinAs(phone, board.joinUrl, 'Ana');

  // No editing while people place: the button shows in Setup only.
  await expect(facilitator.getByRole('button', { name: 'Rubric' })).toHaveCount(0);
  await confirmPhase(facilitator, 'Setup');
  await openPanel(facilitator, 'Rubric');
  const editor = facilitator.getByTestId('rubric-editor');

  // Reword a card: the phone shows the new words.
  const card = editor.getByTestId('edit-card-trust.v1').getByLabel('Card text');
  await card.fill('Relationship building happens through the work we share');
  await card.press('Enter');
  await expect(row(phone, 'trust.v1')).toContainText(
    'Relationship building happens through the work we share',
  );

  // Rename the axis ends.
  const left = editor.getByLabel('Left end');
  await left.fill('Contractor');
  await left.press('Enter');
  await expect(phone.locator('.label-short').first()).toHaveText('Contractor');

  // Add a card to Trust; it appears on the phone with the next id the board has never used.
  const add = editor.getByRole('group', { name: 'Add a card to Trust' });
  await add.getByLabel('Card text').fill('We say when we are stuck');
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(row(phone, 'trust.p6')).toContainText('We say when we are stuck');

  // Move it up one place: the phone's order follows.
  await editor.getByRole('button', { name: 'Move “We say when we are stuck” up' }).click();
  const trustRows = phone.locator('[data-card-id^="trust."]');
  await expect(trustRows.last()).toHaveAttribute('data-card-id', 'trust.p5');

  // Remove a card nobody placed: gone at once, without a question.
  await editor.getByRole('button', { name: /^Remove “Trust to/ }).click();
  await expect(row(phone, 'trust.v2')).toHaveCount(0);
  await keepScreenshot(facilitator, { path: 'test-results/rubric-editor-laptop.png' });
  await keepScreenshot(phone, { path: 'test-results/rubric-editor-phone.png' });
});

test('a participant proposes a card while the group discusses; the facilitator accepts it and the room places it', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Spring retreat');
  const facilitator = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await facilitator.goto(board.facilitatorUrl);
  const phone = await (
    await browser.newContext({
      viewport: { width: 360, height: 740 },
      hasTouch: true,
      isMobile: true,
    })
  ).newPage();
  await joinAs(phone, board.joinUrl, 'Ana');
  await expect(phone.getByRole('button', { name: 'Propose a card' })).toHaveCount(0);
  await confirmPhase(facilitator, 'Discussing');

  await openPanel(phone, 'Propose a card');
  const form = phone.getByTestId('propose');
  await form.getByLabel('Element').selectOption({ label: 'Shared Values' });
  await form.getByLabel('High Performance Partnership').check();
  await form.getByLabel('The card').fill('We celebrate each other’s wins in public');
  await form.getByRole('button', { name: 'Send to the facilitator' }).click();
  await expect(form.getByRole('status')).toHaveText('Sent. The facilitator will look at it.');
  await expect(form.getByRole('list', { name: 'Your proposals' })).toContainText('waiting');
  await keepScreenshot(phone, { path: 'test-results/propose-phone.png' });

  await openPanel(facilitator, 'Proposals (1)');
  const proposal = facilitator.getByTestId('proposal');
  await expect(proposal).toContainText('We celebrate each other’s wins in public');
  await expect(proposal).toContainText(
    'For Shared Values, describes High Performance Partnership · Ana',
  );
  await keepScreenshot(facilitator, { path: 'test-results/proposals-laptop.png' });
  await proposal.getByRole('button', { name: 'Accept and place it' }).click();

  // The new card joins Shared Values and the room places it in a round of its own.
  const added = row(phone, 'values.p6');
  await expect(added).toContainText('We celebrate each other’s wins in public');
  await expect(phone.locator('[aria-current="step"]')).toHaveText('Placing');
  await expect(facilitator.getByRole('button', { name: 'Proposals (0)' })).toBeVisible();
});
