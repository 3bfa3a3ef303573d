/**
 * The group's consensus live on the board: labels, coverage, outliers, element and board
 * figures, hidden dots below three placements, and "discuss next".
 */
import { fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, joinAs, newPage, row } from './helpers.ts';

const split = [0.1, 0.15, 0.2, 0.8, 0.85, 0.9];
const close = [0.7, 0.75, 0.8, 0.72, 0.78, 0.74];
const oneFarOff = [0.6, 0.62, 0.65, 0.65, 0.68, 0.1];

test('once revealed, everyone sees where the group stands and what to discuss first', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Consensus');
  await fillBoard(
    server.baseUrl,
    board,
    split.map((x, i) => ({
      name: `P${i + 1}`,
      placements: {
        'trust.v1': x,
        'trust.v2': close[i] ?? 0,
        'trust.v3': oneFarOff[i] ?? 0,
        ...(i < 2 ? { 'trust.p1': 0.5 } : {}),
      },
    })),
  );
  const zoe = await newPage(browser);
  await joinAs(zoe, board.joinUrl, 'Zoe');
  // Still placing: Zoe sees only how many have placed.
  await expect(row(zoe, 'trust.v1').getByTestId('coverage')).toHaveText(
    '6 of 7 have placed this card',
  );
  await expect(row(zoe, 'trust.v1').getByTestId('placement-dot')).toHaveCount(0);

  await setBoardPhase(server.baseUrl, board, 'revealed');
  await expect(row(zoe, 'trust.v1').getByTestId('consensus-label')).toHaveText('polarized');
  await expect(row(zoe, 'trust.v2').getByTestId('consensus-label')).toHaveText('strong agreement');
  await expect(row(zoe, 'trust.v1').getByTestId('coverage')).toHaveText('6 of 7 placed');
  await expect(row(zoe, 'trust.v1').getByTestId('placement-dot')).toHaveCount(6);
  await expect(row(zoe, 'trust.v1').getByTestId('median')).toBeVisible();
  await expect(row(zoe, 'trust.v2').getByTestId('iqr-band')).toBeVisible();
  // One placement far from the group is pointed out, without naming anyone.
  await expect(row(zoe, 'trust.v3').getByTestId('outlier-hint')).toHaveText(
    'one placement far from the group',
  );
  await expect(row(zoe, 'trust.v2').getByTestId('outlier-hint')).toHaveCount(0);
  // Two placements: the room sees only how many placed, so nobody can be identified.
  await expect(row(zoe, 'trust.p1').getByTestId('placement-dot')).toHaveCount(0);
  await expect(row(zoe, 'trust.p1').getByTestId('median')).toHaveCount(0);
  await expect(row(zoe, 'trust.p1').getByTestId('iqr-band')).toHaveCount(0);
  await expect(row(zoe, 'trust.p1').getByTestId('coverage')).toHaveText('2 of 7 placed');
  // Element and board figures.
  await expect(
    zoe.locator('[data-element-id="trust"]').getByTestId('element-figures'),
  ).toContainText('position');
  await expect(zoe.getByTestId('board-figures')).toContainText('toward partnership');

  // Discuss next: the split card first; picking a card scrolls to it and highlights it.
  await zoe.getByRole('button', { name: 'Discuss next' }).click();
  const list = zoe.getByTestId('discuss-next').getByRole('button');
  await expect(list.first()).toContainText('Relationship building occurs through work');
  await list.filter({ hasText: 'Relationships that are established' }).click();
  await expect(row(zoe, 'trust.v3')).toHaveClass(/highlighted/);
  await expect(row(zoe, 'trust.v3')).toBeInViewport();
});
