/**
 * Several instances (docs/design.md, "Several servers"): 1, 2 and 3 compiled Continuum processes
 * (`node dist/server/main.js`) on one throw-away PostgreSQL (fsync on) and one Redis, under the
 * same load spread round-robin over them, each client connecting to an instance directly (no
 * balancer process to share the cores with):
 *
 * - **one board**: 200 participants and the facilitator's 4 devices, 40 of the participants
 *   dragging at 30 Hz and dropping 20 cards a second in all, as the `fanout` part;
 * - **ten boards**: 10 × 20 participants and 2 facilitator devices, 4 dragging on each, the
 *   same 20 drops a second in all; each board's first client connects to a different instance,
 *   so the boards' holders are spread over the instances.
 *
 * For each: each instance's CPU and RSS, Redis's and PostgreSQL's CPU, Redis commands and
 * PostgreSQL commits a second, the p99 latency of awareness (drags) and of drops (at the
 * facilitator's devices, which receive every drop), split by whether the drop crossed instances.
 * Then, without load, the **drop path**: a few hundred drops made by writers on every instance,
 * each timed to its arrival at a facilitator's device on every instance.
 *
 * The load is driven from this process (one clock times both ends, as in fanoutLoad.ts). On a
 * machine of two cores, the instances, the load driver, Redis and PostgreSQL all share them: an
 * instance's CPU here is what it costs, not what it would get on a machine of its own.
 * Without PostgreSQL or redis-server (tests/support/servicesSetup.ts) the part says so and
 * returns no figures. `--instances-seconds S` sets the measured window (default 10).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Transaction } from 'yjs';
import type { MeResponse } from '../../shared/api.ts';
import {
  participantIdOfRoot,
  readPlacement,
  rootNameOf,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { launchRedis, type RedisProcess } from '../support/redisProcess.ts';
import { findRedis, type RunningPostgres, startPostgres } from '../support/servicesSetup.ts';
import { createBoard, joinParticipants, mapLimit } from './boardSetup.ts';
import type { BenchFigure } from './figures.ts';
import { LatencyHistogram, type LatencySummary } from './percentiles.ts';
import { CpuMeter, rssBytes } from './procStats.ts';
import { forEachAwarenessState, RawClient } from './rawClient.ts';
import { type BenchServer, buildServer, disposeServer, startContinuum } from './serverProcess.ts';

const PART = 'instances';
const INSTANCE_COUNTS = [1, 2, 3];
const DRAG_HZ = 30;
const DROPS_PER_SECOND = 20;
const WARMUP_MS = 2_000;
const DEFAULT_SECONDS = 10;
const SETTLE_TIMEOUT_MS = 20_000;
const CONNECT_CONCURRENCY = 50;
const TICK_MS = 4;
const PROBE_DROPS = 300;
const PROBE_DROPS_PER_SECOND = 25;
/** A durable log, as in production: the test cluster's fsync=off is for tests only. */
const DURABLE_POSTGRES = ['-c fsync=on', '-c full_page_writes=on', '-c synchronous_commit=on'];

interface LoadShape {
  key: string;
  boards: number;
  peoplePerBoard: number;
  draggingPerBoard: number;
  facilitatorDevicesPerBoard: number;
}

const SHAPES: LoadShape[] = [
  {
    key: 'one board 200/40',
    boards: 1,
    peoplePerBoard: 200,
    draggingPerBoard: 40,
    facilitatorDevicesPerBoard: 4,
  },
  {
    key: '10 boards × 20/4',
    boards: 10,
    peoplePerBoard: 20,
    draggingPerBoard: 4,
    facilitatorDevicesPerBoard: 2,
  },
];

/** Epoch milliseconds with sub-millisecond resolution; the one clock of the load driver. */
const clock = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const cardIds = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

function secondsFrom(args: readonly string[]): number {
  const index = args.indexOf('--instances-seconds');
  const seconds = index === -1 ? DEFAULT_SECONDS : Number(args[index + 1]);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 300) {
    throw new Error('--instances-seconds must be between 1 and 300');
  }
  return seconds;
}

// ---------------------------------------------------------------------------------------------
// The services and what they cost

/** /proc counts CPU time in USER_HZ, which is 100 on every Linux. */
const USER_HZ = 100;

/** A process's /proc/<pid>/stat fields after the command name (which may hold spaces). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU seconds of a process and its children, running or exited: PostgreSQL's postmaster and
 * its backends (utime + stime of each; cutime + cstime hold the children it has reaped).
 */
function treeCpuSeconds(rootPid: number): number {
  const root = statFields(rootPid);
  let ticks = [11, 12, 13, 14].reduce((sum, field) => sum + Number(root[field]), 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(Number(entry));
      if (Number(fields[1]) === rootPid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / USER_HZ;
}

/** One Redis command over a fresh connection, its raw reply (enough for INFO). */
function redisCommand(url: string, command: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let reply = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('Redis did not answer')));
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      // A bulk string: $<length>\r\n<body>\r\n
      const header = /^\$(\d+)\r\n/.exec(reply);
      if (header?.[1] && reply.length >= header[0].length + Number(header[1]) + 2) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(reply));
  });
}

async function redisCommandsProcessed(url: string): Promise<number> {
  const info = await redisCommand(url, 'INFO stats');
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

interface PostgresCounters {
  commits: number;
  rowsInserted: number;
}

async function postgresCounters(admin: pg.Client): Promise<PostgresCounters> {
  // The statistics are flushed by each backend at most once a second: good enough over 10 s.
  const result = await admin.query<{ xact_commit: string; tup_inserted: string }>(
    'SELECT xact_commit, tup_inserted FROM pg_stat_database WHERE datname = current_database()',
  );
  const row = result.rows[0];
  return { commits: Number(row?.xact_commit), rowsInserted: Number(row?.tup_inserted) };
}

interface Services {
  postgres: RunningPostgres;
  databaseUrl: string;
  postmasterPid: number;
  redisProgram: string;
  admin: pg.Client;
}

async function startServices(): Promise<Services | string> {
  const redis = findRedis();
  if (!redis.ok) return redis.reason;
  const postgres = await startPostgres(DURABLE_POSTGRES);
  if (!postgres.status.ok || !postgres.dataDir) {
    return postgres.status.ok ? 'PostgreSQL has no data folder' : postgres.status.reason;
  }
  const databaseUrl = postgres.status.value;
  const postmasterPid = Number(
    readFileSync(join(postgres.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  return { postgres, databaseUrl, postmasterPid, redisProgram: redis.value, admin };
}

interface Cluster {
  instances: BenchServer[];
  redis: RedisProcess;
}

/** N instances on a fresh Redis and a fresh schema, started one after the other (migrations). */
async function startCluster(services: Services, count: number): Promise<Cluster> {
  const redis = await launchRedis(services.redisProgram);
  const schema = `bench_${count}_${Date.now()}`;
  await services.admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(services.databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env = { DATABASE_URL: url.toString(), REDIS_URL: redis.url };
  const instances: BenchServer[] = [];
  try {
    for (let i = 0; i < count; i++) instances.push(await startContinuum({ compiled: true, env }));
  } catch (error) {
    await stopCluster({ instances, redis });
    throw error;
  }
  return { instances, redis };
}

async function stopCluster(cluster: Cluster): Promise<void> {
  for (const instance of cluster.instances) await disposeServer(instance);
  await cluster.redis.stop();
}

// ---------------------------------------------------------------------------------------------
// Boards and their clients

interface Seat {
  client: RawClient;
  url: string;
  instance: number;
  participantId: string;
  role: 'participant' | 'facilitator';
}

interface SeatedBoard {
  holder: number;
  seats: Seat[];
}

/** A token holder's participant id (GET /api/boards/:id/me). */
async function participantIdOf(baseUrl: string, boardId: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/boards/${boardId}/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`/me answered ${response.status}`);
  const me = (await response.json()) as MeResponse;
  return me.participantId;
}

/** Setup connections refused and tried again (not measured; reported). */
let setupRetries = 0;
const SETUP_TRIES = 3;

/**
 * Waits for a seat's client to sync; one refused (a server too starved to check a token in
 * time answers 4500, which a real client retries) is replaced by a new one, a few times.
 */
async function connectSeat(
  seat: Seat,
  clientFor: (url: string, instance: number, role: Seat['role']) => RawClient,
  cluster: Cluster,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await seat.client.whenSynced();
      return;
    } catch (error) {
      if (attempt >= SETUP_TRIES) throw error;
      setupRetries += 1;
      const log = cluster.instances[seat.instance]?.output().split('\n').filter(Boolean).at(-1);
      console.log(
        `  instances: a client of instance ${seat.instance + 1} was refused (${seat.client.closeCode} ${seat.client.closeReason}), tried again; the instance's last log line: ${log ?? 'none'}`,
      );
      await sleep(500);
      seat.client = clientFor(seat.url, seat.instance, seat.role);
    }
  }
}

/**
 * A new board whose holder is instance `holder` (its first client connects there and waits for
 * its sync), then its people spread round-robin over the instances. `clientFor` makes each
 * client (the caller's callbacks need the seat's instance).
 */
async function seatBoard(
  cluster: Cluster,
  holder: number,
  people: number,
  facilitatorDevices: number,
  clientFor: (url: string, instance: number, role: Seat['role']) => RawClient,
): Promise<SeatedBoard> {
  const { instances } = cluster;
  const at = (offset: number) => (holder + offset) % instances.length;
  const home = instances[holder];
  if (!home) throw new Error(`no instance ${holder}`);
  const board = await createBoard(home.baseUrl, 'Instances');
  const facilitatorId = await participantIdOf(home.baseUrl, board.boardId, board.facilitatorToken);
  const seat = (offset: number, token: string, participantId: string, role: Seat['role']) => {
    const instance = at(offset);
    const server = instances[instance] ?? home;
    const url = server.roomUrl(board.boardId, token);
    return { client: clientFor(url, instance, role), url, instance, participantId, role };
  };
  const first = seat(0, board.facilitatorToken, facilitatorId, 'facilitator');
  await connectSeat(first, clientFor, cluster);
  const joined = await joinParticipants(home.baseUrl, board, people);
  const seats: Seat[] = [first];
  for (let device = 1; device < facilitatorDevices; device++) {
    seats.push(seat(device, board.facilitatorToken, facilitatorId, 'facilitator'));
  }
  // Participants start one instance after the holder, so draggers are spread evenly too.
  joined.forEach((person, index) => {
    seats.push(seat(index + 1, person.token, person.participantId, 'participant'));
  });
  await mapLimit(seats, CONNECT_CONCURRENCY, (one) => connectSeat(one, clientFor, cluster));
  return { holder, seats };
}

function presenceJson(participantId: string, cardId: string | null): string {
  // Placing is silent: the drag names the card but not where it is (docs/design.md, awareness).
  return JSON.stringify({ user: { participantId }, drag: cardId === null ? null : { cardId } });
}

/**
 * Records each drop's delivery at a facilitator's device: placements carry their send time in
 * `at`, and each writer's instance is known by its participant id.
 */
class DropDeliveries {
  readonly all = new LatencyHistogram();
  readonly sameInstance = new LatencyHistogram();
  readonly crossInstance = new LatencyHistogram();
  /** "writer→reader" (their instances' indexes) → latencies */
  readonly byPath = new Map<string, LatencyHistogram>();
  delivered = 0;
  private readonly rootNames = new WeakMap<object, string | null>();

  constructor(
    private readonly writerInstance: ReadonlyMap<string, number>,
    private readonly counts: (sentAt: number) => boolean,
  ) {}

  readonly onRemoteTransaction = (
    transaction: Transaction,
    receiver: RawClient,
    readerInstance: number,
  ) => {
    const now = clock();
    for (const [type, keys] of transaction.changed) {
      let name = this.rootNames.get(type);
      if (name === undefined) {
        name = rootNameOf(receiver.doc, type);
        this.rootNames.set(type, name);
      }
      const owner = name === null ? null : participantIdOfRoot(name);
      const writer = owner === null ? undefined : this.writerInstance.get(owner);
      if (owner === null || writer === undefined) continue;
      for (const cardId of keys) {
        if (cardId === null) continue;
        const placement = readPlacement(receiver.doc, owner, cardId);
        if (!placement || !this.counts(placement.at)) continue;
        const ms = now - placement.at;
        this.delivered += 1;
        this.all.record(ms);
        (writer === readerInstance ? this.sameInstance : this.crossInstance).record(ms);
        const path = `${writer}→${readerInstance}`;
        let histogram = this.byPath.get(path);
        if (!histogram) {
          histogram = new LatencyHistogram();
          this.byPath.set(path, histogram);
        }
        histogram.record(ms);
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The load

interface LoadResult {
  awareness: LatencySummary;
  drops: LatencySummary;
  dropsSameInstance: LatencySummary;
  dropsCrossInstance: LatencySummary;
  instanceCpuPercent: number[];
  instanceRssMb: number[];
  /** Which instances hold boards, and how many. */
  holdersPerInstance: number[];
  redisCpuPercent: number;
  postgresCpuPercent: number;
  driverCpuPercent: number;
  redisCommandsPerSecond: number;
  postgresCommitsPerSecond: number;
  postgresRowsPerSecond: number;
  /** Sent in the window, a second: a starved load driver sends fewer drags than asked. */
  dropsPerSecond: number;
  dragsPerSecond: number;
  /** Drag and presence states delivered to other clients, a second of the window. */
  awarenessDeliveriesPerSecond: number;
  dropsSent: number;
  lost: number;
  /** Why the lost clients were closed: "code reason" → how many. */
  closes: Record<string, number>;
  missingDeliveries: number;
}

interface Dragger {
  seat: Seat;
  cardIndex: number;
  nextDragAt: number;
}

async function runLoad(
  services: Services,
  cluster: Cluster,
  shape: LoadShape,
  windowMs: number,
): Promise<LoadResult> {
  const awareness = new LatencyHistogram();
  const sentAt = new Map<number, number[]>();
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  const inWindow = (at: number) => at >= windowStart && at <= windowEnd;
  const writerInstance = new Map<string, number>();
  const drops = new DropDeliveries(writerInstance, inWindow);

  const onAwareness = (update: Uint8Array, receiver: RawClient) => {
    const now = clock();
    forEachAwarenessState(update, (clientId, entryClock) => {
      if (clientId === receiver.clientId) return;
      const sent = sentAt.get(clientId)?.[entryClock];
      if (sent !== undefined) awareness.record(now - sent);
    });
  };
  const clientFor = (url: string, instance: number, role: Seat['role']) =>
    new RawClient(url, {
      onAwareness,
      ...(role === 'facilitator'
        ? {
            onRemoteTransaction: (transaction, receiver) =>
              drops.onRemoteTransaction(transaction, receiver, instance),
          }
        : {}),
    });

  const boards: SeatedBoard[] = [];
  const allSeats = () => boards.flatMap((board) => board.seats);
  try {
    for (let b = 0; b < shape.boards; b++) {
      const holder = b % cluster.instances.length;
      boards.push(
        await seatBoard(
          cluster,
          holder,
          shape.peoplePerBoard,
          shape.facilitatorDevicesPerBoard,
          clientFor,
        ),
      );
    }
    for (const seat of allSeats()) {
      if (seat.role === 'participant') writerInstance.set(seat.participantId, seat.instance);
      seat.client.sendAwareness(presenceJson(seat.participantId, null));
    }
    await sleep(500);

    const dragPeriod = 1000 / DRAG_HZ;
    const dropPeriod = 1000 / DROPS_PER_SECOND;
    const loadStart = performance.now();
    const draggers: Dragger[] = boards.flatMap((board) =>
      board.seats
        .filter((seat) => seat.role === 'participant')
        .slice(0, shape.draggingPerBoard)
        .map((seat, index) => ({
          seat,
          cardIndex: index % cardIds.length,
          nextDragAt: loadStart + (index / shape.draggingPerBoard) * dragPeriod,
        })),
    );
    // Drops go round the boards, so each board gets its share.
    const dropOrder = Array.from({ length: draggers.length }, (_, i) => {
      const board = i % shape.boards;
      const within = Math.floor(i / shape.boards);
      return draggers[board * shape.draggingPerBoard + within];
    }).filter((dragger) => dragger !== undefined);
    let nextDropAt = loadStart + dropPeriod;
    let dropTurn = 0;
    let dropsSent = 0;
    let dragsSent = 0;
    /** Drops sent in the window, per board index, for the deliveries expected. */
    const windowDropsByBoard = new Map<SeatedBoard, number>();
    const boardOf = new Map<Seat, SeatedBoard>();
    for (const board of boards) for (const seat of board.seats) boardOf.set(seat, board);

    const tick = () => {
      const now = performance.now();
      for (const dragger of draggers) {
        if (dragger.nextDragAt > now) continue;
        const { client, participantId } = dragger.seat;
        const sent = clock();
        const json = presenceJson(participantId, cardIds[dragger.cardIndex] ?? 'trust.v1');
        const sentClock = client.sendAwareness(json);
        if (inWindow(sent)) {
          let byClock = sentAt.get(client.clientId);
          if (!byClock) {
            byClock = [];
            sentAt.set(client.clientId, byClock);
          }
          byClock[sentClock] = sent;
          dragsSent += 1;
        }
        dragger.nextDragAt += dragPeriod;
        // Behind by more than a period (a busy loop): skip ahead rather than send a burst.
        if (dragger.nextDragAt < now - dragPeriod) dragger.nextDragAt = now + dragPeriod;
      }
      while (nextDropAt <= now && dropOrder.length > 0) {
        const dragger = dropOrder[dropTurn % dropOrder.length];
        dropTurn += 1;
        nextDropAt += dropPeriod;
        if (!dragger) continue;
        const { client, participantId } = dragger.seat;
        const cardId = cardIds[dragger.cardIndex] ?? 'trust.v1';
        const at = clock();
        client.write((doc) =>
          setPlacement(doc, participantId, cardId, { x: Math.random(), round: 1, at }, 'local'),
        );
        if (inWindow(at)) {
          dropsSent += 1;
          const board = boardOf.get(dragger.seat);
          if (board) windowDropsByBoard.set(board, (windowDropsByBoard.get(board) ?? 0) + 1);
        }
        dragger.cardIndex = (dragger.cardIndex + 1) % cardIds.length;
      }
    };
    const ticker = setInterval(tick, TICK_MS);

    await sleep(WARMUP_MS);
    // The measured window.
    const meters = cluster.instances.map((instance) => new CpuMeter(instance.pid));
    const redisMeter = new CpuMeter(cluster.redis.pid);
    const postgresCpuBefore = treeCpuSeconds(services.postmasterPid);
    const redisCommandsBefore = await redisCommandsProcessed(cluster.redis.url);
    const postgresBefore = await postgresCounters(services.admin);
    const driverCpuBefore = process.cpuUsage();
    const started = performance.now();
    windowStart = clock();
    await sleep(windowMs);
    windowEnd = clock();
    const seconds = (performance.now() - started) / 1000;
    const instanceCpuPercent = meters.map((meter) => meter.percentOfOneCore());
    const redisCpuPercent = redisMeter.percentOfOneCore();
    const postgresCpuPercent =
      ((treeCpuSeconds(services.postmasterPid) - postgresCpuBefore) / seconds) * 100;
    const driverCpu = process.cpuUsage(driverCpuBefore);
    const driverCpuPercent = ((driverCpu.user + driverCpu.system) / 1e6 / seconds) * 100;
    const redisCommandsPerSecond =
      ((await redisCommandsProcessed(cluster.redis.url)) - redisCommandsBefore) / seconds;
    const instanceRssMb = cluster.instances.map((instance) => rssBytes(instance.pid) / 2 ** 20);
    clearInterval(ticker);
    for (const { seat } of draggers) {
      seat.client.sendAwareness(presenceJson(seat.participantId, null));
    }

    // Every drop of the window must reach every facilitator's device of its board.
    let expected = 0;
    for (const [board, count] of windowDropsByBoard) {
      expected += count * board.seats.filter((seat) => seat.role === 'facilitator').length;
    }
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    while (drops.delivered < expected && performance.now() < deadline) await sleep(100);
    // pg_stat_database is flushed by each backend within a second of its commits.
    await sleep(1_100);
    const postgresAfter = await postgresCounters(services.admin);
    const lostSeats = allSeats().filter((seat) => seat.client.lost);
    if (lostSeats.length > 0) {
      // What the instances said about it (a lease lost, a store or Redis timing out, …).
      cluster.instances.forEach((instance, index) => {
        const lines = instance.output().split('\n').filter(Boolean).slice(-3);
        console.log(
          `  instances: instance ${index + 1}'s last lines: ${lines.join(' | ') || 'none'}`,
        );
      });
    }
    const closes: Record<string, number> = {};
    for (const { client } of lostSeats) {
      const why = `${client.closeCode} ${client.closeReason}`.trim();
      closes[why] = (closes[why] ?? 0) + 1;
    }
    const holdersPerInstance = cluster.instances.map(
      (_, index) => boards.filter((board) => board.holder === index).length,
    );
    return {
      awareness: awareness.summary(),
      drops: drops.all.summary(),
      dropsSameInstance: drops.sameInstance.summary(),
      dropsCrossInstance: drops.crossInstance.summary(),
      instanceCpuPercent,
      instanceRssMb,
      holdersPerInstance,
      redisCpuPercent,
      postgresCpuPercent,
      driverCpuPercent,
      redisCommandsPerSecond,
      // Counted over the window and the settle after it (its commits are the window's drops).
      postgresCommitsPerSecond: (postgresAfter.commits - postgresBefore.commits) / seconds,
      postgresRowsPerSecond: (postgresAfter.rowsInserted - postgresBefore.rowsInserted) / seconds,
      dropsPerSecond: dropsSent / seconds,
      dragsPerSecond: dragsSent / seconds,
      awarenessDeliveriesPerSecond: awareness.count / seconds,
      dropsSent,
      lost: lostSeats.length,
      closes,
      missingDeliveries: Math.max(0, expected - drops.delivered),
    };
  } finally {
    await mapLimit(allSeats(), 100, (seat) => seat.client.close());
  }
}

// ---------------------------------------------------------------------------------------------
// The drop path, without load

interface ProbeResult {
  /** "holder→holder", "holder→other", … → latencies */
  paths: Map<string, LatencySummary>;
  missing: number;
}

/** What a delivery crossed: the writer's and the reader's instance, by role. */
function pathName(count: number, holder: number, writer: number, reader: number): string {
  if (count === 1) return 'one instance';
  const role = (instance: number) => (instance === holder ? 'holder' : 'follower');
  if (writer === reader) return `${role(writer)} → the same ${role(reader)}`;
  return `${role(writer)} → ${writer !== holder && reader !== holder ? 'another follower' : role(reader)}`;
}

/**
 * One board held by instance 0, a facilitator's device and a writer on every instance;
 * PROBE_DROPS drops, the writers in turn.
 */
async function probeDropPath(cluster: Cluster): Promise<ProbeResult> {
  const count = cluster.instances.length;
  const writerInstance = new Map<string, number>();
  const drops = new DropDeliveries(writerInstance, () => true);
  const board = await seatBoard(cluster, 0, count, count, (url, instance, role) =>
    role === 'facilitator'
      ? new RawClient(url, {
          onRemoteTransaction: (transaction, receiver) =>
            drops.onRemoteTransaction(transaction, receiver, instance),
        })
      : new RawClient(url),
  );
  try {
    const writers = board.seats.filter((seat) => seat.role === 'participant');
    for (const writer of writers) writerInstance.set(writer.participantId, writer.instance);
    for (let drop = 0; drop < PROBE_DROPS; drop++) {
      const writer = writers[drop % writers.length];
      if (!writer) break;
      const cardId = cardIds[Math.floor(drop / writers.length) % cardIds.length] ?? 'trust.v1';
      const at = clock();
      writer.client.write((doc) =>
        setPlacement(
          doc,
          writer.participantId,
          cardId,
          { x: Math.random(), round: 1, at },
          'local',
        ),
      );
      await sleep(1000 / PROBE_DROPS_PER_SECOND);
    }
    const expected = PROBE_DROPS * count;
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    while (drops.delivered < expected && performance.now() < deadline) await sleep(50);
    const paths = new Map<string, LatencyHistogram>();
    for (const [path, histogram] of drops.byPath) {
      const [writer, reader] = path.split('→').map(Number);
      const name = pathName(count, board.holder, writer ?? 0, reader ?? 0);
      const merged = paths.get(name) ?? new LatencyHistogram();
      merged.merge(histogram);
      paths.set(name, merged);
    }
    return {
      paths: new Map([...paths].map(([name, histogram]) => [name, histogram.summary()])),
      missing: Math.max(0, expected - drops.delivered),
    };
  } finally {
    await mapLimit(board.seats, 100, (seat) => seat.client.close());
  }
}

// ---------------------------------------------------------------------------------------------
// The part

function figure(name: string, value: number, unit: string): BenchFigure {
  return { part: PART, name, value, unit, target: null, better: 'lower' };
}

function loadFigures(count: number, shape: LoadShape, result: LoadResult): BenchFigure[] {
  const label = `${count} inst., ${shape.key}:`;
  const totalCpu = result.instanceCpuPercent.reduce((sum, value) => sum + value, 0);
  return [
    figure(`${label} awareness delivery p99`, result.awareness.p99, 'ms'),
    figure(`${label} drop delivery p50`, result.drops.p50, 'ms'),
    figure(`${label} drop delivery p99`, result.drops.p99, 'ms'),
    ...(count > 1
      ? [
          figure(
            `${label} drop p99, writer on the reader's instance`,
            result.dropsSameInstance.p99,
            'ms',
          ),
          figure(
            `${label} drop p99, writer on another instance`,
            result.dropsCrossInstance.p99,
            'ms',
          ),
        ]
      : []),
    ...result.instanceCpuPercent.map((cpu, index) =>
      figure(
        `${label} CPU of instance ${index + 1} (holds ${result.holdersPerInstance[index] ?? 0} board(s))`,
        cpu,
        '%',
      ),
    ),
    figure(`${label} CPU of all instances`, totalCpu, '%'),
    figure(`${label} CPU of Redis`, result.redisCpuPercent, '%'),
    figure(`${label} CPU of PostgreSQL`, result.postgresCpuPercent, '%'),
    figure(`${label} CPU of the load driver`, result.driverCpuPercent, '%'),
    figure(`${label} RSS per instance (highest)`, Math.max(...result.instanceRssMb), 'MB'),
    figure(`${label} Redis commands`, result.redisCommandsPerSecond, '/s'),
    figure(`${label} PostgreSQL commits`, result.postgresCommitsPerSecond, '/s'),
    figure(`${label} PostgreSQL rows inserted`, result.postgresRowsPerSecond, '/s'),
    figure(
      `${label} drags sent (asked: ${(shape.boards * shape.draggingPerBoard * DRAG_HZ).toLocaleString('en')})`,
      result.dragsPerSecond,
      '/s',
    ),
    figure(`${label} drops sent (asked: ${DROPS_PER_SECOND})`, result.dropsPerSecond, '/s'),
    figure(`${label} awareness deliveries`, result.awarenessDeliveriesPerSecond, '/s'),
    figure(`${label} lost clients`, result.lost, 'count'),
    figure(`${label} drop deliveries missing at a facilitator`, result.missingDeliveries, 'count'),
  ];
}

function probeFigures(count: number, result: ProbeResult): BenchFigure[] {
  const figures: BenchFigure[] = [];
  for (const [path, summary] of result.paths) {
    const label = `${count} inst., no load, drop ${path}`;
    figures.push(
      figure(`${label}: p50`, summary.p50, 'ms'),
      figure(`${label}: p99`, summary.p99, 'ms'),
    );
  }
  figures.push(figure(`${count} inst., no load: drops missing`, result.missing, 'count'));
  return figures;
}

const load = () => (loadavg()[0] ?? Number.NaN).toFixed(1);

export async function runInstancesBench(args: readonly string[]): Promise<BenchFigure[]> {
  const windowMs = secondsFrom(args) * 1000;
  const services = await startServices();
  if (typeof services === 'string') {
    console.log(`  instances: skipped, no figures: ${services}`);
    return [];
  }
  const figures: BenchFigure[] = [];
  setupRetries = 0;
  try {
    buildServer();
    for (const count of INSTANCE_COUNTS) {
      const cluster = await startCluster(services, count);
      try {
        for (const shape of SHAPES) {
          const before = load();
          const result = await runLoad(services, cluster, shape, windowMs);
          console.log(
            `  instances ${count} × ${shape.key}: load ${before} → ${load()}; CPU ${result.instanceCpuPercent.map((cpu) => cpu.toFixed(0)).join(' + ')} %, Redis ${result.redisCpuPercent.toFixed(0)} %, PostgreSQL ${result.postgresCpuPercent.toFixed(0)} %, driver ${result.driverCpuPercent.toFixed(0)} %; awareness p99 ${result.awareness.p99.toFixed(1)} ms, drops p50/p99 ${result.drops.p50.toFixed(1)}/${result.drops.p99.toFixed(1)} ms (${result.drops.count} deliveries of ${result.dropsSent} drops); ${result.lost} lost${
              result.lost > 0
                ? ` (${Object.entries(result.closes)
                    .map(([why, n]) => `${n}× ${why}`)
                    .join(', ')})`
                : ''
            }, ${result.missingDeliveries} missing`,
          );
          figures.push(...loadFigures(count, shape, result));
          await sleep(1_000); // the rooms unload and compact before the next load
        }
        const before = load();
        const probe = await probeDropPath(cluster);
        console.log(
          `  instances ${count}, drop path without load (load ${before} → ${load()}): ${[...probe.paths].map(([path, s]) => `${path} p50 ${s.p50.toFixed(1)} / p99 ${s.p99.toFixed(1)} ms (${s.count})`).join('; ')}; ${probe.missing} missing`,
        );
        figures.push(...probeFigures(count, probe));
      } finally {
        await stopCluster(cluster);
      }
    }
  } finally {
    await services.admin.end().catch(() => undefined);
    services.postgres.stop();
  }
  figures.push(
    figure('clients refused while seating (setup), connected again', setupRetries, 'count'),
  );
  return figures;
}
