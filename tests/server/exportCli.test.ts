/**
 * `npm run export` as a child process against a data folder while the server is down: the same
 * snapshot the HTTP route gives, and clear errors with exit code 1.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STORE_FILE_NAME } from '../../server/persistence/sqlite.ts';
import { parseSnapshot } from '../../shared/snapshot/parse.ts';
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import { normaliseSnapshot } from '../support/boardHistory.ts';
import { type PlacedBoard, placedBoard } from '../support/placedBoard.ts';
import { newDataDir, serverHarness } from '../support/testServer.ts';

const harness = serverHarness();

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runExport(args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/exportBoard.ts', ...args],
      { cwd: process.cwd(), env: { ...process.env, DATA_DIR: dataDir } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A board with placements, its HTTP snapshot, and the server stopped. */
async function stoppedBoard(): Promise<{ dataDir: string; placed: PlacedBoard; http: Snapshot }> {
  const server = await harness.start();
  const placed = await placedBoard(server);
  harness.track(...placed.clients);
  const response = await fetch(
    `${server.baseUrl}/api/boards/${placed.board.boardId}/snapshot.json`,
    { headers: { Authorization: `Bearer ${placed.board.facilitatorToken}` } },
  );
  const http = (await response.json()) as Snapshot;
  await harness.stop();
  return { dataDir: server.dataDir, placed, http };
}

describe('npm run export', () => {
  it('writes the snapshot and the CSV files from the store while the server is down', async () => {
    const { dataDir, placed, http } = await stoppedBoard();
    const boardId = placed.board.boardId;
    const out = join(dataDir, 'board.json');
    const json = await runExport(['--board', boardId, '--format', 'json', '--out', out], dataDir);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(json.stdout).toContain(out);
    const snapshot = JSON.parse(readFileSync(out, 'utf8')) as Snapshot;
    expect(parseSnapshot(snapshot).ok).toBe(true);
    expect(normaliseSnapshot(snapshot)).toEqual(normaliseSnapshot(http));
    expect(snapshot.board.id).toBe(boardId);

    const csv = join(dataDir, 'placements.csv');
    const anonymous = await runExport(
      ['--board', boardId, '--format', 'placements-csv', '--anonymous', '--out', csv],
      dataDir,
    );
    expect(anonymous.code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^board_id,board_title,/);
    expect(text).toContain('Participant 1');
    expect(text).not.toContain('Ana Alvarez');

    const cards = join(dataDir, 'cards.csv');
    const cardsRun = await runExport(
      ['--board', boardId, '--format', 'cards-csv', '--out', cards],
      dataDir,
    );
    expect(cardsRun.code).toBe(0);
    expect(readFileSync(cards, 'utf8')).toMatch(/^element_id,element,card_id,/);
  });

  it("writes the CSV files in another of the rubric's languages with --lang", async () => {
    const { dataDir, placed } = await stoppedBoard();
    const boardId = placed.board.boardId;
    const spanish = join(dataDir, 'cards-es.csv');
    const spanishRun = await runExport(
      ['--board', boardId, '--format', 'cards-csv', '--lang', 'es', '--out', spanish],
      dataDir,
    );
    expect(spanishRun).toMatchObject({ code: 0, stderr: '' });
    const rows = readFileSync(spanish, 'utf8').split('\r\n');
    expect(rows[0]).toMatch(/^element_id,element,card_id,card_text,/);
    expect(rows[1]).toMatch(/^"trust","Confianza","trust\.v1","La relación se construye/);

    const french = await runExport(
      ['--board', boardId, '--format', 'cards-csv', '--lang', 'fr', '--out', spanish],
      dataDir,
    );
    expect(french).toMatchObject({ code: 1, stdout: '' });
    expect(french.stderr).toContain('--lang: the rubric of');
    expect(french.stderr).toContain('is in en, es');
  });

  it('exports a board whose id begins with "-" (about one board in 64)', async () => {
    // Boards per address are limited (issue 12); this test creates them until one fits.
    const server = await harness.start(newDataDir(), {
      limits: { boardCreationsPerMinute: 10_000 },
    });
    let boardId = '';
    // Ids are random base64url: create boards until one begins with '-' (p = 1/64 per board).
    for (let attempt = 0; attempt < 2000 && !boardId.startsWith('-'); attempt++) {
      const response = await fetch(`${server.baseUrl}/api/boards`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Dash board' }),
      });
      boardId = ((await response.json()) as { boardId: string }).boardId;
    }
    expect(boardId.startsWith('-')).toBe(true);
    await harness.stop();
    const out = join(server.dataDir, 'dash.json');
    const run = await runExport(
      ['--board', boardId, '--format', 'json', '--out', out],
      server.dataDir,
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect((JSON.parse(readFileSync(out, 'utf8')) as Snapshot).board.id).toBe(boardId);
  });

  it('refuses, as the server does, a board whose stored data is damaged', async () => {
    const { dataDir, placed } = await stoppedBoard();
    const db = new Database(join(dataDir, STORE_FILE_NAME));
    db.prepare('UPDATE updates SET data = ? WHERE board_id = ?').run(
      Buffer.from('garbage!garbage!garbage!'),
      placed.board.boardId,
    );
    db.close();
    const out = join(dataDir, 'damaged.json');
    const run = await runExport(
      ['--board', placed.board.boardId, '--format', 'json', '--out', out],
      dataDir,
    );
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/fails its checksum/);
  });

  it('fails with exit code 1 and a clear message for an unknown board', async () => {
    const { dataDir } = await stoppedBoard();
    const run = await runExport(
      ['--board', 'nope', '--format', 'json', '--out', 'x.json'],
      dataDir,
    );
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('there is no board "nope"');
  });

  it.each([
    ['a bad format', ['--board', 'b', '--format', 'xml', '--out', 'x'], /--format must be one of/],
    ['no board', ['--format', 'json', '--out', 'x.json'], /--board ID is required/],
    ['no output file', ['--board', 'b', '--format', 'json'], /--out FILE is required/],
    ['an unknown option', ['--board', 'b', '--colour'], /colour/],
    [
      'a language that is no tag',
      ['--board', 'b', '--format', 'json', '--lang', 'Spanish', '--out', 'x'],
      /--lang must be a language tag/,
    ],
  ])('fails with exit code 1 and the usage for %s', async (_what, args, message) => {
    const run = await runExport(args, newDataDir());
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run export -- --board ID');
  });

  it('says where it looked when there is no store', async () => {
    const empty = newDataDir();
    const run = await runExport(['--board', 'b', '--format', 'json', '--out', 'x.json'], empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(empty, 'continuum.sqlite'));
  });
});
