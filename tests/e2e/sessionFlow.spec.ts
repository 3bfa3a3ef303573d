/**
 * A whole session through the real server: a facilitator and three participants (one using only
 * the keyboard) run silent placing, the reveal, discussion with an agreed position and a note,
 * a second round that shows how the group moved, and the lock. And a drop that races the reveal
 * costs that one move, with a clear message, and nothing else.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  chip,
  confirmPhase,
  createBoardViaApi,
  joinAs,
  keyboardPlace,
  mouseDrag,
  newPage,
  openPanel,
  row,
} from './helpers.ts';

/** Revealing and locking ask first; the facilitator confirms. */
const setPhase = confirmPhase;

async function expectPhase(page: Page, phase: string) {
  await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', phase);
}

test('placing, reveal, discussion, a second round and the lock', async ({ browser, server }) => {
  // A whole session, with the new round's countdown: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const board = await createBoardViaApi(server.baseUrl, 'Full session');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const ana = await newPage(browser);
  const ben = await newPage(browser);
  const cleo = await newPage(browser);
  await joinAs(ana, board.joinUrl, 'Ana');
  await joinAs(ben, board.joinUrl, 'Ben');
  await joinAs(cleo, board.joinUrl, 'Cleo');

  // Silent placing: everyone places trust.v1; Ben only with the keyboard.
  await mouseDrag(ana, 'trust.v1', 0.2);
  await keyboardPlace(ben, 'trust.v1', 5);
  await mouseDrag(cleo, 'trust.v1', 0.9);
  await expect(row(ana, 'trust.v1').getByTestId('coverage')).toHaveText(
    '3 of 3 have placed this card',
  );
  // Nobody sees the others' positions while placing, not even the facilitator without peeking.
  for (const page of [ana, ben, cleo, facilitator]) {
    await expect(row(page, 'trust.v1').getByTestId('placement-dot')).toHaveCount(0);
  }

  // Reveal: everyone sees the distribution, anonymous, with its label.
  await setPhase(facilitator, 'Revealed');
  for (const page of [ana, ben, cleo, facilitator]) {
    await expectPhase(page, 'revealed');
    await expect(row(page, 'trust.v1').getByTestId('placement-dot')).toHaveCount(3);
    await expect(row(page, 'trust.v1').getByTestId('consensus-label')).toBeVisible();
    await expect(row(page, 'trust.v1').getByTestId('coverage')).toHaveText('3 of 3 placed');
  }
  const firstLabel = await row(ana, 'trust.v1')
    .getByTestId('consensus-label')
    .getAttribute('data-label');
  expect(firstLabel).toBe('weak');
  // Placing is closed: chips no longer move.
  await expect(chip(ana, 'trust.v1')).toHaveAttribute('aria-disabled', 'true');

  // Discussion: the facilitator records the agreed position with a note.
  await setPhase(facilitator, 'Discussing');
  await row(facilitator, 'trust.v1')
    .getByRole('button', { name: 'Record the agreed position' })
    .click();
  await row(facilitator, 'trust.v1').getByRole('slider').fill('60');
  await row(facilitator, 'trust.v1').getByLabel('Note').fill('Depends on the programme');
  await row(facilitator, 'trust.v1').getByRole('button', { name: 'Save agreement' }).click();
  for (const page of [ana, ben, cleo]) {
    await expect(row(page, 'trust.v1').getByTestId('agreed-marker')).toBeVisible();
    await expect(row(page, 'trust.v1').getByTestId('agreed-text')).toHaveText(
      'agreed 60% — Depends on the programme',
    );
  }

  // A second round on the whole board, after a short countdown: chips return to the trays with
  // last round's ghost.
  await openPanel(facilitator, 'New round');
  await facilitator.getByRole('button', { name: 'Start a new round' }).click();
  for (const page of [ana, ben, cleo]) {
    await expectPhase(page, 'placing');
    await expect(chip(page, 'trust.v1')).toHaveAttribute('data-position', '');
    await expect(row(page, 'trust.v1').getByTestId('last-round')).toBeVisible();
  }
  await expect(facilitator.getByTestId('phase').getByText('Round 2')).toBeVisible();
  await mouseDrag(ana, 'trust.v1', 0.5);
  await keyboardPlace(ben, 'trust.v1', 5, 5);
  await mouseDrag(cleo, 'trust.v1', 0.6);
  await setPhase(facilitator, 'Revealed');
  for (const page of [ana, facilitator]) {
    await expect(row(page, 'trust.v1').getByTestId('placement-dot')).toHaveCount(3);
    await expect(row(page, 'trust.v1').getByTestId('round-change')).toContainText(
      'since last round',
    );
    await expect(row(page, 'trust.v1').getByTestId('median-move')).toBeVisible();
  }
  await expect(row(ana, 'trust.v1').getByTestId('consensus-label')).toHaveAttribute(
    'data-label',
    'strong',
  );

  // Lock: nothing moves any more; the facilitator can only reopen.
  await setPhase(facilitator, 'Final');
  for (const page of [ana, ben, cleo]) {
    await expectPhase(page, 'final');
    await expect(chip(page, 'trust.v1')).toHaveAttribute('aria-disabled', 'true');
  }
  await expect(facilitator.getByRole('button', { name: 'Start a new round' })).toHaveCount(0);
});

test('a drop that races the reveal costs that one move, with a clear message', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Race');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const dana = await newPage(browser);
  // Hold what the server sends Dana, so her browser does not learn of the reveal in time.
  let holding = false;
  const held: (string | Buffer)[] = [];
  const release: (() => void)[] = [];
  const closeCodes: (number | undefined)[] = [];
  await dana.routeWebSocket(/\/ws\//, (ws) => {
    const upstream = ws.connectToServer();
    const forward = (message: string | Buffer) => {
      if (holding) held.push(message);
      else ws.send(message);
    };
    upstream.onMessage(forward);
    upstream.onClose((code, reason) => {
      closeCodes.push(code);
      ws.close({
        ...(code === undefined ? {} : { code }),
        ...(reason === undefined ? {} : { reason }),
      });
    });
    release.push(() => {
      for (const message of held.splice(0)) ws.send(message);
    });
  });
  await joinAs(dana, board.joinUrl, 'Dana');
  await keyboardPlace(dana, 'values.v1', 3);
  await expect(chip(dana, 'values.v1')).toHaveAttribute('data-position', '0.3');

  holding = true;
  await setPhase(facilitator, 'Revealed');
  await expectPhase(facilitator, 'revealed');
  await keyboardPlace(dana, 'values.v2', 6); // her browser still thinks placing is open
  holding = false;
  for (const flush of release) flush();

  await expect(dana.getByTestId('notice')).toHaveText(
    /Placing is closed — your last move was not saved/,
  );
  await expect(dana.getByTestId('status-badge')).toHaveAttribute('data-status', 'synced');
  await expectPhase(dana, 'revealed');
  // The move that lost the race is gone; the one before it is kept; she carries on.
  await expect(chip(dana, 'values.v2')).toHaveAttribute('data-position', '');
  await expect(chip(dana, 'values.v1')).toHaveAttribute('data-position', '0.3');
  await setPhase(facilitator, 'Placing');
  await expectPhase(dana, 'placing');
  await keyboardPlace(dana, 'values.v2', 6);
  await expect(chip(dana, 'values.v2')).toHaveAttribute('data-position', '0.6');
});
