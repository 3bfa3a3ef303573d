/**
 * Fan-out under drag load: N raw-protocol clients on one board, D of them dragging (awareness
 * at 30 Hz) and dropping (R placements a second in total), run by a load generator in its own
 * process (fanoutLoad.ts) against Continuum and then against the reference y-websocket server,
 * each started as its own process. `--scenario 50/10`, `--all-scenarios`, `--fanout-seconds S`,
 * `--ours-only` (no reference run: to compare two versions of our server).
 *
 * The board stays in phase `placing`, the only phase in which drops are accepted, so drags carry
 * the card but no position (as a real client sends them then); both servers get the same bytes.
 * Our clients join over HTTP first (setup, not measured); the reference has no auth or schema.
 *
 * On Continuum the participants sync with the board's view (docs/design.md, "The view"): while
 * placing is silent a drop reaches the facilitator's devices, and the others only as counts. So
 * drop deliveries are measured at the facilitator's devices, and every participant's view must
 * converge with a fresh one; on the reference everyone receives every drop.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MeResponse } from '../../shared/api.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { createBoard, joinParticipants } from './boardSetup.ts';
import type { FanoutClientSpec, FanoutLoadResult, FromLoadGenerator } from './fanoutMessages.ts';
import type { BenchFigure } from './figures.ts';
import { rssBytes } from './procStats.ts';
import { RawClient } from './rawClient.ts';
import {
  type BenchServer,
  disposeServer,
  REPO_ROOT,
  type ServerKind,
  startContinuum,
  startReference,
  trackChild,
} from './serverProcess.ts';

interface Scenario {
  clients: number;
  dragging: number;
}

const ALL_SCENARIOS: Scenario[] = [
  { clients: 50, dragging: 10 },
  { clients: 200, dragging: 40 },
  { clients: 500, dragging: 50 },
];
const DEFAULT_SCENARIO: Scenario = { clients: 200, dragging: 40 };
const DROPS_PER_SECOND = 20;
const DRAG_HZ = 30;
const WARMUP_MS = 2_000;
const DEFAULT_SECONDS = 20;
const P99_TARGET_MS = 50;
/** A drop, from the writer to every receiver, its commit included, in a room of any size. */
const DROP_P99_TARGET_MS = 50;
/** Rooms this small send each drag at once (server/rooms/batchWindow.ts)… */
const SMALL_ROOM_CLIENTS = 50;
/** …so their awareness p99 stays near the reference's (2.9 ms on two cores). */
const SMALL_ROOM_AWARENESS_P99_TARGET_MS = 5;
const CPU_TARGET_PERCENT = 50;
const RATIO_TARGET = 0.5;

function optionValue(args: readonly string[], name: string): string | null {
  const index = args.indexOf(name);
  return index === -1 ? null : (args[index + 1] ?? null);
}

function scenariosFrom(args: readonly string[]): Scenario[] {
  if (args.includes('--all-scenarios')) return ALL_SCENARIOS;
  const chosen = optionValue(args, '--scenario');
  if (chosen === null) return [DEFAULT_SCENARIO];
  return chosen.split(',').map((text) => {
    const match = /^(\d+)\/(\d+)$/.exec(text.trim());
    if (!match) throw new Error(`--scenario wants clients/dragging, like 200/40 (not "${text}")`);
    const clients = Number(match[1]);
    const dragging = Number(match[2]);
    if (clients < 2 || dragging < 1 || dragging > clients) {
      throw new Error(`--scenario ${text}: needs 1 ≤ dragging ≤ clients and at least 2 clients`);
    }
    return { clients, dragging };
  });
}

function durationFrom(args: readonly string[]): number {
  const seconds = Number(optionValue(args, '--fanout-seconds') ?? DEFAULT_SECONDS);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 300) {
    throw new Error('--fanout-seconds must be between 1 and 300');
  }
  return seconds * 1000;
}

/** The facilitator's laptop and tablet, and co-facilitators' devices. */
const FACILITATOR_DEVICES = 4;

/** A token holder's participant id (GET /api/boards/:id/me). */
async function participantIdOf(baseUrl: string, boardId: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards/${boardId}/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`/me answered ${response.status}`);
  const me = (await response.json()) as MeResponse;
  return me.participantId;
}

const LOAD_GENERATOR = fileURLToPath(new URL('./fanoutLoad.ts', import.meta.url));

function runLoadGenerator(
  server: BenchServer,
  label: string,
  clients: FanoutClientSpec[],
  fresh: { board: string; view: string | null },
  scenario: Scenario,
  durationMs: number,
): Promise<FanoutLoadResult> {
  const child = fork(LOAD_GENERATOR, [], {
    cwd: REPO_ROOT,
    // BENCH_GENERATOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the generator.
    execArgv: [
      ...(process.env.BENCH_GENERATOR_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  trackChild(child);
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once('message', (message: FromLoadGenerator) => {
      answered = true;
      if (message.type === 'result') resolve(message.result);
      else reject(new Error(`load generator (${label}): ${message.message}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load generator (${label}) exited with ${code}`));
    });
    child.send({
      type: 'run',
      config: {
        label,
        serverPid: server.pid,
        clients,
        freshUrl: fresh.board,
        freshViewUrl: fresh.view,
        dragging: scenario.dragging,
        dragHz: DRAG_HZ,
        dropsPerSecond: DROPS_PER_SECOND,
        warmupMs: WARMUP_MS,
        durationMs,
        cardIds: rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id),
      },
    });
  });
}

interface FanoutRun extends FanoutLoadResult {
  /** The server's RSS right after it started, before any board or client. */
  idleRssBytes: number;
}

async function runAgainst(
  kind: ServerKind,
  scenario: Scenario,
  durationMs: number,
): Promise<FanoutRun> {
  const server = kind === 'continuum' ? await startContinuum() : await startReference();
  const idleRssBytes = rssBytes(server.pid);
  const label = `${kind} ${scenario.clients}/${scenario.dragging}`;
  try {
    if (kind === 'reference') {
      // No auth and no schema: everyone just opens the room; ids as short as Continuum's.
      const room = `fanout-${scenario.clients}`;
      const clients = Array.from({ length: scenario.clients }, (_, i) => ({
        url: server.roomUrl(room),
        participantId: `p${String(i).padStart(7, '0')}`,
        audience: 'board' as const,
      }));
      const result = await runLoadGenerator(
        server,
        label,
        clients,
        { board: server.roomUrl(room), view: null },
        scenario,
        durationMs,
      );
      return { ...result, idleRssBytes };
    }
    const board = await createBoard(server.baseUrl, `Fan-out ${scenario.clients}`);
    // The facilitator is in the room while people join, so it stays loaded (as at a retreat).
    const facilitator = new RawClient(server.roomUrl(board.boardId, board.facilitatorToken));
    await facilitator.whenSynced();
    const joined = await joinParticipants(server.baseUrl, board, scenario.clients, 'Person');
    await facilitator.close();
    // Participants sync with the board's view; the facilitator's devices (the laptop, a tablet)
    // with the whole board, so they are the ones that receive every drop.
    const facilitatorId = await participantIdOf(
      server.baseUrl,
      board.boardId,
      board.facilitatorToken,
    );
    const clients = [
      ...joined.map((person) => ({
        url: server.roomUrl(board.boardId, person.token),
        participantId: person.participantId,
        audience: 'view' as const,
      })),
      ...Array.from({ length: FACILITATOR_DEVICES }, () => ({
        url: server.roomUrl(board.boardId, board.facilitatorToken),
        participantId: facilitatorId,
        audience: 'board' as const,
      })),
    ];
    const fresh = {
      board: server.roomUrl(board.boardId, board.facilitatorToken),
      view: server.roomUrl(board.boardId, joined.at(-1)?.token ?? board.facilitatorToken),
    };
    const result = await runLoadGenerator(server, label, clients, fresh, scenario, durationMs);
    return { ...result, idleRssBytes };
  } finally {
    await disposeServer(server);
  }
}

function describeRun(result: FanoutLoadResult): string {
  const lost = Object.entries(result.closeCodes)
    .map(([code, count]) => `${count}×${code}`)
    .join(', ');
  return (
    `${result.label}: ${result.all.count} deliveries (${result.awareness.count} awareness, ` +
    `${result.drops.count} drops), sent ${result.dragsSent} drags + ${result.dropsSent} drops, ` +
    `generator loop delay p99 ${result.generatorLoopDelayP99Ms.toFixed(1)} ms / max ${result.generatorLoopDelayMaxMs.toFixed(1)} ms, ` +
    `worst delivery: ${result.worstKind} sent at +${result.worstSentAtS.toFixed(1)} s, ` +
    `longest silence (no client received anything) ${result.longestSilenceMs.toFixed(0)} ms, ` +
    `connect ${(result.connectMs / 1000).toFixed(1)} s, settle ${(result.settleMs / 1000).toFixed(1)} s` +
    (result.freshSynced ? '' : ', the fresh client did not sync in time') +
    (lost ? `, lost: ${lost}` : '')
  );
}

/** Small rooms: awareness must reach them about as fast as the reference sends it. */
function isSmallRoom(scenario: Scenario): boolean {
  return scenario.clients <= SMALL_ROOM_CLIENTS;
}

/** Our figures beside the reference's (when it ran), each with its target. */
function compare(scenario: Scenario, ours: FanoutRun, reference: FanoutRun | null): BenchFigure[] {
  const label = `${scenario.clients}/${scenario.dragging}`;
  const mb = 1024 * 1024;
  const figure = (
    name: string,
    pick: (run: FanoutRun) => number,
    unit: string,
    target: number | null = null,
  ): BenchFigure => {
    const result: BenchFigure = {
      part: 'fanout',
      name: `${label} ${name}`,
      value: pick(ours),
      unit,
      target,
      better: 'lower',
    };
    if (reference !== null) result.reference = pick(reference);
    return result;
  };
  const ratio = (name: string, pick: (run: FanoutRun) => number): BenchFigure[] =>
    reference === null
      ? []
      : [
          {
            part: 'fanout',
            name: `${label} ${name}, ours ÷ reference`,
            value: pick(ours) / pick(reference),
            unit: '×',
            target: RATIO_TARGET,
            better: 'lower',
          },
        ];
  return [
    figure('delivery p50 (awareness + drops)', (run) => run.all.p50, 'ms'),
    figure('delivery p95', (run) => run.all.p95, 'ms'),
    figure('delivery p99', (run) => run.all.p99, 'ms', P99_TARGET_MS),
    ...ratio('delivery p99', (run) => run.all.p99),
    figure('delivery max', (run) => run.all.max, 'ms'),
    figure(
      'awareness delivery p99',
      (run) => run.awareness.p99,
      'ms',
      isSmallRoom(scenario) ? SMALL_ROOM_AWARENESS_P99_TARGET_MS : null,
    ),
    figure('drop (document) delivery p50', (run) => run.drops.p50, 'ms'),
    figure('drop (document) delivery p99', (run) => run.drops.p99, 'ms', DROP_P99_TARGET_MS),
    figure('server CPU, % of one core', (run) => run.serverCpuPercent, '%', CPU_TARGET_PERCENT),
    ...ratio('server CPU', (run) => run.serverCpuPercent),
    figure('server RSS idle, just started', (run) => run.idleRssBytes / mb, 'MB'),
    figure('server RSS at end of load', (run) => run.serverRssBytes / mb, 'MB'),
    figure('frames received by all clients', (run) => run.framesPerSecond, '/s'),
    figure('bytes received by all clients', (run) => run.bytesPerSecond / mb, 'MB/s'),
    figure('lost or diverged clients', (run) => run.lost + run.diverged, 'count', 0),
    figure('drops missing at a fresh client', (run) => run.missingWrites, 'count', 0),
    figure('load generator CPU (≈100 % = it limits)', (run) => run.generatorCpuPercent, '%'),
    figure('longest silence: no client received anything', (run) => run.longestSilenceMs, 'ms'),
    figure('load generator event-loop delay max', (run) => run.generatorLoopDelayMaxMs, 'ms'),
    figure('load generator event-loop delay p99', (run) => run.generatorLoopDelayP99Ms, 'ms'),
  ];
}

export async function runFanoutBench(args: readonly string[]): Promise<BenchFigure[]> {
  const durationMs = durationFrom(args);
  // Comparing two versions of our server, the reference's half of the time can be saved.
  const withReference = !args.includes('--ours-only');
  const figures: BenchFigure[] = [];
  for (const scenario of scenariosFrom(args)) {
    const ours = await runAgainst('continuum', scenario, durationMs);
    console.log(`  fanout ${describeRun(ours)}`);
    let reference: FanoutRun | null = null;
    if (withReference) {
      reference = await runAgainst('reference', scenario, durationMs);
      console.log(`  fanout ${describeRun(reference)}`);
    }
    figures.push(...compare(scenario, ours, reference));
  }
  return figures;
}
