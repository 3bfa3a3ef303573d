/**
 * Leaving the retreat with the board in hand: every format from the facilitator's Export menu,
 * mid-session and at the end, checked as files; the printable report; bringing a board back
 * from a snapshot on the start page; deleting a board.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PICTURE_HEIGHT, PICTURE_WIDTH } from '../../shared/boardPicture.ts';
import { SNAPSHOT_VERSION } from '../../shared/snapshot/schema.ts';
import { PLACEMENTS_CSV_HEADER } from '../../shared/snapshotCsv.ts';
import { fillBoard, setBoardPhase } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { createBoardViaApi, newPage, openPanel, row } from './helpers.ts';

async function download(page: Page, button: string): Promise<{ name: string; body: Buffer }> {
  const exportMenu = page.getByTestId('export-menu');
  await openPanel(page, 'Export');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    exportMenu.getByRole('button', { name: button }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: readFileSync(path) };
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('the facilitator exports every format mid-session and at the end', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Export retreat');
  await fillBoard(server.baseUrl, board, [
    {
      name: 'Ana',
      placements: { 'trust.v1': 0.2, 'trust.v2': 0.6 },
      reasons: { 'trust.v1': '=SUM(A1)' },
    },
    { name: 'Ben', placements: { 'trust.v1': 0.4 } },
    { name: 'Cleo', placements: { 'trust.v1': 0.9, 'values.p1': 0.5 } },
  ]);
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  await expect(facilitator.getByTestId('room-progress')).toHaveAttribute('data-total', '3');

  // Mid-session (still placing).
  const json = await download(facilitator, 'Snapshot (JSON)');
  expect(json.name).toMatch(/^export-retreat-\d{4}-\d\d-\d\d-snapshot\.json$/);
  const snapshot = JSON.parse(json.body.toString('utf8'));
  expect(snapshot.snapshotVersion).toBe(SNAPSHOT_VERSION);
  expect(snapshot.board.title).toBe('Export retreat');
  expect(snapshot.placements).toHaveLength(5);
  expect(snapshot.participants.map((p: { name: string }) => p.name).sort()).toEqual([
    'Ana',
    'Ben',
    'Cleo',
  ]);
  const placements = await download(facilitator, 'Placements (CSV)');
  const lines = placements.body.toString('utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe(PLACEMENTS_CSV_HEADER.join(','));
  expect(lines).toHaveLength(1 + 5); // a header and one row per placement
  expect(placements.body.toString('utf8')).toContain("'=SUM(A1)"); // never run as a formula
  const cards = await download(facilitator, 'Cards (CSV)');
  expect(cards.body.toString('utf8').trimEnd().split('\r\n')).toHaveLength(1 + 48);

  // At the end: revealed, an agreed position, locked; anonymised this time.
  await setBoardPhase(server.baseUrl, board, 'final');
  await expect(facilitator.getByTestId('phase')).toHaveAttribute('data-phase', 'final');
  await facilitator
    .getByTestId('export-menu')
    .getByLabel(/Anonymise names/)
    .check();
  const anonymous = await download(facilitator, 'Snapshot (JSON)');
  const text = anonymous.body.toString('utf8');
  expect(text).not.toContain('Ana');
  expect(JSON.parse(text).participants[0].name).toMatch(/^Participant \d+$/);
  expect(JSON.parse(text).session.phase).toBe('final');

  const svg = await download(facilitator, 'Picture (SVG)');
  expect(svg.name).toMatch(/board\.svg$/);
  expect(svg.body.toString('utf8')).toContain('Systems, Structure and Accountability');
  const png = await download(facilitator, 'Picture (PNG)');
  expect(pngSize(png.body)).toEqual({ width: PICTURE_WIDTH * 2, height: PICTURE_HEIGHT * 2 });

  // The printable report renders all six elements.
  const report = await newPage(browser);
  await report.goto(board.facilitatorUrl);
  await expect(report.getByTestId('status-badge')).toBeVisible();
  await report.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  await expect(report.getByTestId('report-element')).toHaveCount(6);
  await expect(report.getByTestId('report')).toContainText(
    'Relationship building occurs through work',
  );
});

test('a snapshot brings a board back from the start page, and a deleted board is gone', async ({
  browser,
  server,
}) => {
  const board = await createBoardViaApi(server.baseUrl, 'Round trip');
  await fillBoard(server.baseUrl, board, [
    { name: 'Dee', placements: { 'learning.v1': 0.3 } },
    { name: 'Eve', placements: { 'learning.v1': 0.7 } },
    { name: 'Fin', placements: { 'learning.v1': 0.5 } },
  ]);
  await setBoardPhase(server.baseUrl, board, 'revealed');
  const facilitator = await newPage(browser);
  await facilitator.goto(board.facilitatorUrl);
  const json = await download(facilitator, 'Snapshot (JSON)');

  const start = await newPage(browser);
  await start.goto(server.baseUrl);
  await start.getByLabel('Snapshot file').setInputFiles({
    name: 'board.json',
    mimeType: 'application/json',
    buffer: json.body,
  });
  await expect(start.getByRole('heading', { name: 'Round trip' })).toBeVisible();
  await expect(start.getByRole('button', { name: 'Export', exact: true })).toBeVisible();
  await expect(row(start, 'learning.v1').getByTestId('placement-dot')).toHaveCount(3);
  await expect(row(start, 'learning.v1').getByTestId('coverage')).toHaveText('3 of 3 placed');

  // A broken snapshot is refused with a message that names the field.
  const broken = JSON.parse(json.body.toString('utf8'));
  broken.placements[0].position = 7;
  await start.goto(server.baseUrl);
  await start.getByLabel('Snapshot file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect(start.getByRole('alert')).toContainText('placements');

  // Deleting: after a confirmation the board and its links are gone.
  facilitator.once('dialog', (dialog) => dialog.accept());
  await openPanel(facilitator, 'Export');
  await facilitator
    .getByTestId('export-menu')
    .getByRole('button', { name: 'Delete this board…' })
    .click();
  await expect(facilitator.getByRole('heading', { name: 'Continuum' })).toBeVisible();
  const gone = await fetch(`${server.baseUrl}/api/boards/${board.boardId}`);
  expect(gone.status).toBe(404);
});
