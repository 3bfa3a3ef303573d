/**
 * Exports that read at 60 people: after a whole-board second round in which only some cards
 * were placed again, the printable report (the facilitator's, and a participant's from the
 * view) and the downloaded picture keep the other cards' round-1 figures, marked "from round
 * 1", and the picture's text stays at 9 pt or more at A4-landscape width. The report and the
 * picture are kept as screenshots (test-results/exports-at-sixty-*.png) to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type * as Y from 'yjs';
import type { CreateBoardResponse, JoinResponse } from '../../shared/api.ts';
import {
  type Placement,
  placeMap,
  placementOwners,
  readControl,
  readParticipants,
  readPlacement,
  readRounds,
  setPhase,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { MIN_FONT_SIZE, pictureSize } from '../../shared/boardPicture.ts';
import { cardStats } from '../../shared/boardStats.ts';
import { freezeRound } from '../../shared/rounds.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { type Connected, connect, postJson } from '../support/boardFiller.ts';
import { expect, test } from './fixtures.ts';
import { keepScreenshot, newPage, openPanel } from './helpers.ts';

const PEOPLE = 60;
/** People placing at once (each a stock client). */
const BATCH = 8;
const ORGANISATIONS = ['County Health', 'Family Alliance', 'School District'];
const CARDS = rubricCards(ELEMENTS_OF_PARTNERSHIP);
/** The cards placed again in round 2: Trust's. Every other card keeps its round-1 figures. */
const REPLACED = CARDS.filter((card) => card.elementId === 'trust').map((card) => card.id);
const SHOTS = resolve('test-results');

/** A seeded random generator: the same room on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (check()) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Member {
  participantId: string;
  token: string;
}

/** Places `positions` as `member` in `round`, and waits until the facilitator's copy has them. */
async function placeAs(
  baseUrl: string,
  board: CreateBoardResponse,
  member: Member,
  positions: Record<string, number>,
  round: number,
  facilitator: Connected,
): Promise<void> {
  const client = await connect(baseUrl, board.boardId, member.token);
  client.doc.transact(() => {
    for (const [cardId, x] of Object.entries(positions)) {
      setPlacement(client.doc, member.participantId, cardId, { x, round, at: Date.now() }, 'local');
    }
  }, 'local');
  await waitUntil(
    () =>
      Object.keys(positions).every(
        (cardId) => readPlacement(facilitator.doc, member.participantId, cardId)?.round === round,
      ),
    `${member.participantId}'s placements`,
  );
  client.close();
}

/** Closes the open round on the whole board as the facilitator's screen does. */
function closeWholeBoardRound(doc: Y.Doc): void {
  const participants = Object.fromEntries(readParticipants(doc));
  const rounds = readRounds(doc);
  const owners = placementOwners(doc);
  freezeRound(
    doc,
    null,
    CARDS.map((card) => card.id),
    (cardId) => {
      const byParticipant: Record<string, Placement> = {};
      for (const id of owners) {
        const placement = readPlacement(doc, id, cardId);
        if (placement) byParticipant[id] = placement;
      }
      return cardStats(cardId, byParticipant, participants, rounds);
    },
    Date.now(),
    'local',
  );
}

async function setPhaseAndWait(doc: Y.Doc, phase: 'revealed' | 'discussing') {
  setPhase(doc, phase, 'local');
  await waitUntil(() => readControl(doc).phase === phase, phase);
}

/** Every <text>'s font size in an SVG. */
function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/<text [^>]*font-size="([\d.]+)"/g)].map((match) => Number(match[1]));
}

async function downloadFromMenu(page: Page, button: string): Promise<Buffer> {
  const exportMenu = page.getByTestId('export-menu');
  await openPanel(page, 'Export');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    exportMenu.getByRole('button', { name: button }).click(),
  ]);
  return readFileSync(await file.path());
}

test('at 60 people, after a whole-board round 2 on some cards, the report and the picture keep the others, from round 1', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const board = await postJson<CreateBoardResponse>(server.baseUrl, '/api/boards', {
    title: 'Regional partnership retreat',
    organisations: ORGANISATIONS,
  });
  const facilitator = await connect(server.baseUrl, board.boardId, board.facilitatorToken);
  const random = seeded(60);
  const members: Member[] = [];
  for (let index = 0; index < PEOPLE; index++) {
    const joined = await postJson<JoinResponse>(
      server.baseUrl,
      `/api/boards/${board.boardId}/participants`,
      {
        joinCode: board.joinCode,
        name: `Person ${index + 1}`,
        organisation: ORGANISATIONS[index % ORGANISATIONS.length],
      },
    );
    members.push({ participantId: joined.participantId, token: joined.token });
  }
  // Round 1: everyone places every card, around a centre of the card's own.
  const centre = (cardIndex: number) => 0.2 + 0.6 * ((cardIndex * 0.37) % 1);
  const place = (cardIndex: number) =>
    Math.round(Math.min(1, Math.max(0, centre(cardIndex) + (random() - 0.5) * 0.5)) * 100) / 100;
  for (let start = 0; start < PEOPLE; start += BATCH) {
    await Promise.all(
      members
        .slice(start, start + BATCH)
        .map((member) =>
          placeAs(
            server.baseUrl,
            board,
            member,
            Object.fromEntries(CARDS.map((card, index) => [card.id, place(index)])),
            1,
            facilitator,
          ),
        ),
    );
  }
  // Revealed, then a whole-board round 2 in which 40 people place Trust's cards again.
  await setPhaseAndWait(facilitator.doc, 'revealed');
  closeWholeBoardRound(facilitator.doc);
  await waitUntil(() => readControl(facilitator.doc).round === 2, 'round 2');
  for (let start = 0; start < 40; start += BATCH) {
    await Promise.all(
      members.slice(start, start + BATCH).map((member) =>
        placeAs(
          server.baseUrl,
          board,
          member,
          // The group moved a little toward partnership on the cards it placed again.
          Object.fromEntries(
            CARDS.flatMap((card, index) =>
              REPLACED.includes(card.id) ? [[card.id, Math.min(1, place(index) + 0.1)]] : [],
            ),
          ),
          2,
          facilitator,
        ),
      ),
    );
  }
  await setPhaseAndWait(facilitator.doc, 'discussing');
  expect(placeMap(facilitator.doc, members[0]?.participantId ?? '').size).toBe(CARDS.length);
  facilitator.close();

  // The facilitator's report: every card has figures; the ones not placed again say round 1.
  const page = await newPage(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(board.facilitatorUrl);
  await expect(page.getByTestId('status-badge')).toBeVisible();
  const picture = (await downloadFromMenu(page, 'Picture (SVG)')).toString('utf8');
  // The PNG is the whole picture, however tall the room made it (at twice its size).
  const png = await downloadFromMenu(page, 'Picture (PNG)');
  expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
    width: pictureSize(picture).width * 2,
    height: pictureSize(picture).height * 2,
  });
  await page.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  const report = page.getByTestId('report');
  await expect(page.getByTestId('report-card')).toHaveCount(CARDS.length);
  await expect(report.getByTestId('from-round')).toHaveCount(CARDS.length - REPLACED.length);
  await expect(report.getByTestId('from-round').first()).toHaveText('from round 1');
  const values = page.locator('[data-testid="report-card"][data-card-id="values.v1"]');
  await expect(values).toContainText('from round 1');
  await expect(values).toContainText(`${PEOPLE} placed`);
  await expect(values).toContainText('median');
  const trust = page.locator('[data-testid="report-card"][data-card-id="trust.v1"]');
  await expect(trust).toContainText(`40 of ${PEOPLE} placed`);
  await expect(trust.getByTestId('from-round')).toHaveCount(0);
  await expect(report).not.toContainText('not placed yet', { ignoreCase: true });
  await expect(report).not.toContainText(' — ');
  await expect(page.getByTestId('report-element').first()).toContainText(/\d+%/);
  // Only the cards placed again are compared with round 1; the others are said once.
  await expect(report).toContainText(
    `${CARDS.length - REPLACED.length} cards were not placed again`,
  );
  await expect(report.locator('.report-table').last().locator('tbody tr')).toHaveCount(
    REPLACED.length,
  );
  mkdirSync(SHOTS, { recursive: true });
  await keepScreenshot(page, { path: `${SHOTS}/exports-at-sixty-report.png`, fullPage: true });
  // Printed, the picture gets A4-landscape pages of its own (where its text is 9 pt), the rest
  // portrait ones.
  await page.emulateMedia({ media: 'print' });
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const pages = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map(
    (match) => Number(match[1]) > Number(match[2]),
  );
  expect(pages).toContain(true);
  expect(pages).toContain(false);
  await page.emulateMedia({ media: 'screen' });

  // The picture: the same figures, marked, and no text below 9 pt on an A4-landscape page.
  expect(picture).toContain('from round 1');
  expect(picture).not.toContain('not placed');
  const sizes = fontSizes(picture);
  expect(sizes.length).toBeGreaterThan(CARDS.length);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_FONT_SIZE);
  writeFileSync(`${SHOTS}/exports-at-sixty-picture.svg`, picture);
  writeFileSync(
    `${SHOTS}/exports-at-sixty-picture.html`,
    '<!doctype html><body style="margin:0"><img src="exports-at-sixty-picture.svg" style="width:100%;display:block" alt=""></body>',
  );
  // Opened as a file at 1123 px wide: A4 landscape at 96 dpi.
  const { width, height } = pictureSize(picture);
  const file = await newPage(browser);
  await file.setViewportSize({ width: 1123, height: Math.ceil((height * 1123) / width) });
  await file.goto(`file://${SHOTS}/exports-at-sixty-picture.html`);
  await keepScreenshot(file, { path: `${SHOTS}/exports-at-sixty-picture.png` });

  // A participant's report, from the view: the round-1 figures the room saw, marked the same.
  const participant = await newPage(browser);
  await participant.setViewportSize({ width: 1280, height: 800 });
  await participant.goto(board.joinUrl);
  await participant.getByLabel('Your name').fill('Late reader');
  await participant.getByLabel('Your organisation').selectOption(ORGANISATIONS[0] ?? '');
  await participant.getByRole('button', { name: 'Join the board' }).click();
  await expect(participant.getByText('You are Late reader')).toBeVisible();
  await participant.goto(`${server.baseUrl}/b/${board.boardId}/report`);
  const theirs = participant.locator('[data-testid="report-card"][data-card-id="values.v1"]');
  await expect(theirs).toContainText('from round 1');
  await expect(theirs).toContainText('median');
  await expect(participant.getByTestId('report')).not.toContainText('not placed yet', {
    ignoreCase: true,
  });
  // The view keeps no organisation figures of closed rounds: said so, not "too few".
  await expect(participant.getByTestId('report-element').nth(1)).toContainText(
    'not kept for earlier rounds',
  );
  await keepScreenshot(participant, {
    path: `${SHOTS}/exports-at-sixty-report-participant.png`,
    fullPage: true,
  });
});
