/**
 * The client: the production bundle's size, and in Chromium (Playwright) the frame times while
 * a card is dragged and the time from a remote drop arriving to it being painted.
 *
 * What is measured in the browser: the facilitator's page with "Peek at placements" on during
 * placing, acting for a proxy participant. That page renders the most: every card's
 * distribution (60 participants × 48 cards of dots, IQR bands, medians, figures) plus a chip it
 * can drag; a participant's page shows no dots while placing, and nobody can drag once the board
 * is revealed. Frames are timed in the page (pageProbes.ts) while Playwright drags the proxy's
 * chip on trust.v1 back and forth, first in a quiet room, then while a Node participant drops 20
 * placements a second on other cards. Then that participant drops on trust.v2 one at a time,
 * and the page times each change of that row from the websocket message's arrival to the paint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { setPlacement } from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { fillBoard, type Person } from '../support/boardFiller.ts';
import { addProxy, createBoard, joinParticipants } from './boardSetup.ts';
import { buildClient, measureBundle } from './clientBundle.ts';
import type { BenchFigure } from './figures.ts';
import {
  type FrameSamples,
  PAGE_INIT_SCRIPT,
  paintCount,
  paintCountAbove,
  startFrameProbe,
  stopFrameProbe,
  takePaints,
  watchRow,
} from './pageProbes.ts';
import { summarize } from './percentiles.ts';
import { RawClient } from './rawClient.ts';
import { disposeServer, startContinuum } from './serverProcess.ts';

const PARTICIPANTS = 60;
const DRAGGED_CARD = 'trust.v1';
const WATCHED_CARD = 'trust.v2';
const DRAG_MS = 4_000;
const REMOTE_DROPS_PER_SECOND = 20;
const PAINT_SAMPLES = 30;
const INITIAL_JS_TARGET_KB = 150;
const FRAME_TARGET_MS = 16;
const PAINT_TARGET_MS = 16.7;
const VSYNC_MS = 1000 / 60;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function row(page: Page, cardId: string) {
  return page.locator(`[data-card-id="${cardId}"]`);
}

/** Drags the card's chip back and forth along its axis for `ms`, timing every frame. */
async function dragAndTime(page: Page, cardId: string, ms: number): Promise<FrameSamples> {
  const chip = row(page, cardId).getByTestId('chip');
  await chip.scrollIntoViewIfNeeded();
  const from = await chip.boundingBox();
  const axis = await row(page, cardId).locator('.axis').boundingBox();
  if (!from || !axis) throw new Error(`client: the chip or axis of ${cardId} is not visible`);
  const startX = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  await page.mouse.move(startX, y);
  await page.mouse.down();
  await page.mouse.move(startX + 10, y, { steps: 2 }); // past the 4 px activation distance
  await page.evaluate(startFrameProbe);
  const end = performance.now() + ms;
  for (let step = 0; performance.now() < end; step++) {
    const phase = (step % 120) / 120; // there and back in about two seconds
    const along = phase < 0.5 ? phase * 2 : 2 - phase * 2;
    await page.mouse.move(axis.x + (0.1 + 0.8 * along) * axis.width, y);
  }
  const samples = await page.evaluate(stopFrameProbe);
  await page.mouse.up();
  return samples;
}

function frameFigures(label: string, samples: FrameSamples): BenchFigure[] {
  const work = summarize(samples.work);
  const missed = samples.intervals.filter((interval) => interval > VSYNC_MS * 1.5).length;
  return [
    {
      part: 'client',
      name: `${label}: frame time p50`,
      value: work.p50,
      unit: 'ms',
      target: null,
      better: 'lower',
    },
    {
      part: 'client',
      name: `${label}: frame time p95 (${work.count} frames)`,
      value: work.p95,
      unit: 'ms',
      target: FRAME_TARGET_MS,
      better: 'lower',
    },
    {
      part: 'client',
      name: `${label}: frames that missed a vsync`,
      value: samples.intervals.length > 0 ? (missed / samples.intervals.length) * 100 : Number.NaN,
      unit: '%',
      target: null,
      better: 'lower',
    },
  ];
}

export async function runClientBench(): Promise<BenchFigure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'continuum-client-build-'));
  const figures: BenchFigure[] = [];
  try {
    const bundle = measureBundle(outDir, buildClient(outDir));
    console.log(
      `  client: built in ${bundle.buildSeconds.toFixed(1)} s; initial JS: ${bundle.initialJsFiles.join(', ')}`,
    );
    const kb = 1024;
    figures.push(
      {
        part: 'client',
        name: 'initial JS, gzip (entry + static imports)',
        value: bundle.initialJsGzip / kb,
        unit: 'KB',
        target: INITIAL_JS_TARGET_KB,
        better: 'lower',
      },
      {
        part: 'client',
        name: 'initial CSS, gzip',
        value: bundle.initialCssGzip / kb,
        unit: 'KB',
        target: null,
        better: 'lower',
      },
      {
        part: 'client',
        name: 'all JS including lazy chunks, gzip',
        value: bundle.allJsGzip / kb,
        unit: 'KB',
        target: null,
        better: 'lower',
      },
    );
    figures.push(...(await runInBrowser(outDir)));
    return figures;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function runInBrowser(clientDir: string): Promise<BenchFigure[]> {
  const server = await startContinuum({ clientDir });
  let remote: RawClient | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const board = await createBoard(server.baseUrl, 'Client bench');
    const cardIds = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);
    const random = seeded(11);
    const people: Person[] = Array.from({ length: PARTICIPANTS }, (_, i) => ({
      name: `Person ${i + 1}`,
      placements: Object.fromEntries(cardIds.map((cardId) => [cardId, random()])),
    }));
    const fillStart = performance.now();
    await fillBoard(server.baseUrl, board, people);
    console.log(
      `  client: ${PARTICIPANTS} participants × ${cardIds.length} cards placed in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
    );
    const proxyId = await addProxy(server.baseUrl, board, 'Sam without a device');
    const [remotePerson] = await joinParticipants(server.baseUrl, board, 1, 'Remote');
    if (!remotePerson) throw new Error('client: the remote participant could not join');
    remote = new RawClient(server.roomUrl(board.boardId, remotePerson.token));
    await remote.whenSynced();
    const remoteClient = remote;
    const drop = (cardId: string) =>
      remoteClient.write((doc) =>
        setPlacement(
          doc,
          remotePerson.participantId,
          cardId,
          { x: random(), round: 1, at: Date.now() },
          'local',
        ),
      );

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: PAGE_INIT_SCRIPT });
    const page = await context.newPage();
    const loadStart = performance.now();
    await page.goto(board.facilitatorUrl);
    await page.getByLabel(/Peek at placements/).check({ timeout: 30_000 });
    const dots = PARTICIPANTS * cardIds.length;
    await page.waitForFunction(
      (expected) => document.querySelectorAll('[data-testid="placement-dot"]').length >= expected,
      dots,
      { timeout: 30_000 },
    );
    const loadSeconds = (performance.now() - loadStart) / 1000;
    // The facilitator bar's People panel holds "Place cards for".
    const peopleButton = page.getByRole('button', { name: /^People/ });
    await peopleButton.click();
    await page.getByLabel('Place cards for').selectOption(proxyId);
    await page.keyboard.press('Escape');
    await row(page, DRAGGED_CARD).getByTestId('chip').waitFor({ timeout: 10_000 });

    // Warm up once (JIT, first layout of a drag; it places the proxy's card), then measure.
    await dragAndTime(page, DRAGGED_CARD, 1_000);
    const placedAt = await row(page, DRAGGED_CARD)
      .getByTestId('chip')
      .getAttribute('data-position');
    if (!placedAt) throw new Error('client: dragging the chip did not place the card');
    await sleep(300);
    const quiet = await dragAndTime(page, DRAGGED_CARD, DRAG_MS);
    await sleep(300);
    const others = cardIds.filter((id) => id !== DRAGGED_CARD && id !== WATCHED_CARD);
    let turn = 0;
    const dropper = setInterval(() => {
      drop(others[turn++ % others.length] ?? 'trust.p1');
    }, 1000 / REMOTE_DROPS_PER_SECOND);
    let busy: FrameSamples;
    try {
      busy = await dragAndTime(page, DRAGGED_CARD, DRAG_MS);
    } finally {
      clearInterval(dropper);
    }
    await sleep(500);

    // Remote drop → painted, one drop at a time on a watched row.
    await row(page, WATCHED_CARD).scrollIntoViewIfNeeded();
    await page.evaluate(watchRow, WATCHED_CARD);
    for (let i = 0; i < PAINT_SAMPLES; i++) {
      const before = await page.evaluate(paintCount);
      drop(WATCHED_CARD);
      await page.waitForFunction(paintCountAbove, before, { timeout: 5_000 });
      await sleep(150);
    }
    const paints = await page.evaluate(takePaints);
    const latencies = summarize(paints.map((paint) => paint.paintedAt - paint.arrivedAt));
    const commit = summarize(paints.map((paint) => paint.mutatedAt - paint.arrivedAt));
    // Within one frame: the frame that paints the change starts at most one vsync interval
    // after the message arrived (the next frame), whatever that frame then costs to paint.
    const toPaintingFrame = summarize(paints.map((paint) => paint.frameStart - paint.arrivedAt));
    console.log(
      `  client: facilitator page with ${dots} dots loaded in ${loadSeconds.toFixed(1)} s; ` +
        `remote drop → DOM change median ${commit.p50.toFixed(1)} ms`,
    );
    await context.close();
    return [
      ...frameFigures('drag, quiet room', quiet),
      ...frameFigures(`drag + ${REMOTE_DROPS_PER_SECOND} remote drops/s`, busy),
      {
        part: 'client',
        name: `remote drop: message → painted, median of ${latencies.count}`,
        value: latencies.p50,
        unit: 'ms',
        target: PAINT_TARGET_MS,
        better: 'lower',
      },
      {
        part: 'client',
        name: 'remote drop: message → painted, worst (incl. vsync wait)',
        value: latencies.max,
        unit: 'ms',
        target: null,
        better: 'lower',
      },
      {
        part: 'client',
        name: 'remote drop: arrival → start of the painting frame, worst',
        value: toPaintingFrame.max,
        unit: 'ms',
        target: PAINT_TARGET_MS,
        better: 'lower',
      },
    ];
  } finally {
    await browser.close();
    await remote?.close();
    await disposeServer(server);
  }
}
