/**
 * The fan-out load generator, run as its own process by fanoutBench.ts (`--import tsx`): opens
 * the raw-protocol clients of one board, makes some of them drag (awareness at 30 Hz) and drop
 * (a placement in their own `place:` map), and measures every delivery from the sender's write
 * to the frame carrying it arriving at the receiver (stamped as it arrives, handled once every
 * socket's arrivals of that turn are stamped: rawClient.ts `handleAfterArrival`). Sender and
 * receivers live in this process, so one clock times both ends: a drop carries its send time in `placement.at`, and a drag is looked up by
 * its awareness client id and clock. Only what is sent inside the measured window counts, but
 * its deliveries are recorded until the run settles, so a backlog at the end is not hidden.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import {
  participantIdOfRoot,
  readPlacement,
  rootNameOf,
  setPlacement,
} from '../../shared/boardDoc.ts';
import { mapLimit } from './boardSetup.ts';
import { contentDigest, hasWritesOf, sameStateVector, viewDigest } from './docDigest.ts';
import type {
  FanoutLoadConfig,
  FanoutLoadResult,
  FromLoadGenerator,
  ToLoadGenerator,
} from './fanoutMessages.ts';
import { LatencyHistogram } from './percentiles.ts';
import { CpuMeter, RssSampler, rssBytes } from './procStats.ts';
import { clock, forEachAwarenessState, RawClient } from './rawClient.ts';

const CONNECT_CONCURRENCY = 50;
const SYNC_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 15_000;
const TICK_MS = 4;
/** A stock provider renews its awareness state every 15 s so the server does not time it out. */
const PRESENCE_RENEWAL_MS = 15_000;
const PRESENCE_SPREAD_MS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

interface Dragger {
  client: RawClient;
  participantId: string;
  cardIndex: number;
  nextDragAt: number;
}

function presenceJson(participantId: string): string {
  return JSON.stringify({ user: { participantId }, drag: null });
}

function dragJson(participantId: string, cardId: string): string {
  // Placing is silent: the drag names the card but not where it is (docs/design.md, awareness).
  return JSON.stringify({ user: { participantId }, drag: { cardId } });
}

async function run(config: FanoutLoadConfig): Promise<FanoutLoadResult> {
  const awareness = new LatencyHistogram();
  const drops = new LatencyHistogram();
  /** Send times of measured awareness states: client id → clock → epoch ms. */
  const sentAt = new Map<number, number[]>();
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  const inWindow = (at: number) => at >= windowStart && at <= windowEnd;
  let worst = { ms: -1, sentAt: 0, kind: 'none' as FanoutLoadResult['worstKind'] };
  const record = (
    histogram: LatencyHistogram,
    kind: 'awareness' | 'drop',
    sent: number,
    now: number,
  ) => {
    const ms = now - sent;
    histogram.record(ms);
    if (ms > worst.ms) worst = { ms, sentAt: sent, kind };
  };
  let lastReceivedAt = 0;
  let longestSilenceMs = 0;
  const onFrame = (receiver: RawClient) => {
    const now = receiver.arrivedAt;
    if (now > windowStart && now <= windowEnd && lastReceivedAt > 0) {
      longestSilenceMs = Math.max(longestSilenceMs, now - Math.max(lastReceivedAt, windowStart));
    }
    lastReceivedAt = now;
  };

  const onAwareness = (update: Uint8Array, receiver: RawClient) => {
    const now = receiver.arrivedAt;
    forEachAwarenessState(update, (clientId, entryClock) => {
      if (clientId === receiver.clientId) return;
      const sent = sentAt.get(clientId)?.[entryClock];
      if (sent !== undefined) record(awareness, 'awareness', sent, now);
    });
  };
  const rootNames = new WeakMap<object, string | null>();
  const onRemoteTransaction = (transaction: Y.Transaction, receiver: RawClient) => {
    const now = receiver.arrivedAt;
    for (const [type, keys] of transaction.changed) {
      let name = rootNames.get(type);
      if (name === undefined) {
        name = rootNameOf(receiver.doc, type);
        rootNames.set(type, name);
      }
      const owner = name === null ? null : participantIdOfRoot(name);
      if (owner === null) continue;
      for (const cardId of keys) {
        if (cardId === null) continue;
        const placement = readPlacement(receiver.doc, owner, cardId);
        if (placement && inWindow(placement.at)) record(drops, 'drop', placement.at, now);
      }
    }
  };

  // Connect everyone (setup, not measured).
  const connectStart = performance.now();
  const clients = await mapLimit(config.clients, CONNECT_CONCURRENCY, async (spec) => {
    const client = new RawClient(spec.url, {
      onAwareness,
      onRemoteTransaction,
      onFrame,
      handleAfterArrival: true,
    });
    try {
      await withTimeout(client.whenSynced(), SYNC_TIMEOUT_MS, 'sync');
    } catch {
      // counted as lost below
    }
    return { client, participantId: spec.participantId, audience: spec.audience };
  });
  const connectMs = performance.now() - connectStart;
  const live = clients.filter(({ client }) => client.synced);
  for (const { client, participantId } of live) client.sendAwareness(presenceJson(participantId));
  await sleep(500);

  const dragPeriod = 1000 / config.dragHz;
  const dropPeriod = 1000 / config.dropsPerSecond;
  const loadStart = performance.now();
  const draggers: Dragger[] = live.slice(0, config.dragging).map((entry, index) => ({
    ...entry,
    cardIndex: index % config.cardIds.length,
    nextDragAt: loadStart + (index / Math.max(1, config.dragging)) * dragPeriod,
  }));
  const idle = live.slice(config.dragging);
  let nextDropAt = loadStart + dropPeriod;
  // Idle clients renew their presence every 15 s, spread over a second as their connects were.
  let renewalRound = 1;
  let renewalTurn = 0;
  const renewalAt = () =>
    loadStart +
    renewalRound * PRESENCE_RENEWAL_MS +
    (renewalTurn / Math.max(1, idle.length)) * PRESENCE_SPREAD_MS;
  let dropTurn = 0;
  let dragsSent = 0;
  let dropsSent = 0;

  /** Sends an awareness state, noting its send time (taken before the send) when measured. */
  const sendMeasured = (client: RawClient, json: string) => {
    const now = clock();
    const sentClock = client.sendAwareness(json);
    if (!inWindow(now)) return;
    let byClock = sentAt.get(client.clientId);
    if (!byClock) {
      byClock = [];
      sentAt.set(client.clientId, byClock);
    }
    byClock[sentClock] = now;
  };

  const tick = () => {
    const now = performance.now();
    for (const dragger of draggers) {
      if (dragger.nextDragAt > now) continue;
      const cardId = config.cardIds[dragger.cardIndex] ?? 'trust.v1';
      sendMeasured(dragger.client, dragJson(dragger.participantId, cardId));
      dragsSent += 1;
      dragger.nextDragAt += dragPeriod;
      // Behind by more than a period (a busy loop): skip ahead rather than send a burst.
      if (dragger.nextDragAt < now - dragPeriod) dragger.nextDragAt = now + dragPeriod;
    }
    while (nextDropAt <= now && draggers.length > 0) {
      const dragger = draggers[dropTurn % draggers.length];
      dropTurn += 1;
      nextDropAt += dropPeriod;
      if (!dragger) continue;
      const cardId = config.cardIds[dragger.cardIndex] ?? 'trust.v1';
      dragger.client.write((doc) =>
        setPlacement(
          doc,
          dragger.participantId,
          cardId,
          { x: Math.random(), round: 1, at: clock() },
          'local',
        ),
      );
      dropsSent += 1;
      dragger.cardIndex = (dragger.cardIndex + 1) % config.cardIds.length;
    }
    while (idle.length > 0 && renewalAt() <= now) {
      const renewing = idle[renewalTurn];
      if (renewing) {
        sendMeasured(renewing.client, presenceJson(renewing.participantId));
      }
      renewalTurn += 1;
      if (renewalTurn >= idle.length) {
        renewalTurn = 0;
        renewalRound += 1;
      }
    }
  };
  const ticker = setInterval(tick, TICK_MS);

  const received = () => {
    let frames = 0;
    let bytes = 0;
    for (const { client } of clients) {
      frames += client.framesReceived;
      bytes += client.bytesReceived;
    }
    return { frames, bytes };
  };

  await sleep(config.warmupMs);
  // The measured window.
  const cpu = new CpuMeter(config.serverPid);
  const rss = new RssSampler(config.serverPid);
  const ownCpuStart = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const before = received();
  const started = performance.now();
  windowStart = clock();
  await sleep(config.durationMs);
  windowEnd = clock();
  // Silence up to the end of the window counts too.
  longestSilenceMs = Math.max(longestSilenceMs, windowEnd - Math.max(lastReceivedAt, windowStart));
  const seconds = (performance.now() - started) / 1000;
  const after = received();
  const serverCpuPercent = cpu.percentOfOneCore();
  const ownCpu = process.cpuUsage(ownCpuStart);
  const generatorCpuPercent = ((ownCpu.user + ownCpu.system) / 1e6 / seconds) * 100;
  loopDelay.disable();
  const serverRssBytes = rssBytes(config.serverPid);
  const serverPeakRssBytes = rss.stop();
  clearInterval(ticker);
  for (const dragger of draggers) {
    dragger.client.sendAwareness(presenceJson(dragger.participantId));
  }

  // Settle: a fresh client must see every write, and every client the same document: the
  // board for those who sync with it, the same view for the others.
  const settleStart = performance.now();
  const fresh = new RawClient(config.freshUrl);
  const freshView = config.freshViewUrl === null ? null : new RawClient(config.freshViewUrl);
  let freshSynced = true;
  try {
    await withTimeout(fresh.whenSynced(), SYNC_TIMEOUT_MS, 'fresh client sync');
    if (freshView) await withTimeout(freshView.whenSynced(), SYNC_TIMEOUT_MS, 'fresh view sync');
  } catch {
    freshSynced = false;
  }
  const writers = draggers.map((dragger) => dragger.client);
  const converged = (client: RawClient, audience: 'board' | 'view') =>
    audience === 'board'
      ? sameStateVector(client.doc, fresh.doc)
      : freshView !== null && viewDigest(client.doc) === viewDigest(freshView.doc);
  const settled = () =>
    writers.every((writer) => hasWritesOf(fresh.doc, writer.doc)) &&
    live.every(({ client, audience }) => client.open && converged(client, audience));
  const deadline = performance.now() + SETTLE_TIMEOUT_MS;
  while (freshSynced && !settled() && performance.now() < deadline) await sleep(100);
  await sleep(200); // the last awareness frames
  const settleMs = performance.now() - settleStart;

  let missingWrites = 0;
  for (const writer of writers) {
    const id = writer.doc.clientID;
    // One drop is one map entry, one clock step of its writer.
    missingWrites += Math.max(
      0,
      Y.getState(writer.doc.store, id) - Y.getState(fresh.doc.store, id),
    );
  }
  const reference = freshSynced ? contentDigest(fresh.doc) : null;
  let lost = 0;
  let diverged = 0;
  const closeCodes: Record<string, number> = {};
  for (const { client, audience } of clients) {
    if (!client.synced || client.lost) {
      lost += 1;
      const code = String(client.closeCode ?? 'never opened');
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      continue;
    }
    const same =
      audience === 'board'
        ? reference !== null &&
          converged(client, audience) &&
          contentDigest(client.doc) === reference
        : freshSynced && converged(client, audience);
    if (!same) diverged += 1;
  }
  await freshView?.close();
  await fresh.close();
  await mapLimit(clients, 100, ({ client }) => client.close());

  const all = new LatencyHistogram();
  all.merge(awareness);
  all.merge(drops);
  return {
    label: config.label,
    clients: config.clients.length,
    connectMs,
    all: all.summary(),
    awareness: awareness.summary(),
    drops: drops.summary(),
    dragsSent,
    dropsSent,
    framesPerSecond: (after.frames - before.frames) / seconds,
    bytesPerSecond: (after.bytes - before.bytes) / seconds,
    serverCpuPercent,
    serverRssBytes,
    serverPeakRssBytes,
    generatorCpuPercent,
    generatorLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    generatorLoopDelayMaxMs: loopDelay.max / 1e6,
    lost,
    diverged,
    missingWrites,
    settleMs,
    freshSynced,
    longestSilenceMs,
    worstSentAtS: worst.kind === 'none' ? Number.NaN : (worst.sentAt - windowStart) / 1000,
    worstKind: worst.kind,
    closeCodes,
  };
}

function reply(message: FromLoadGenerator, exitCode: number): void {
  const exit = () => process.exit(exitCode);
  if (process.send) process.send(message, undefined, undefined, exit);
  else exit();
}

process.on('disconnect', () => process.exit(1)); // the bench is gone: stop at once
process.once('message', (message: ToLoadGenerator) => {
  const { config } = message;
  const limit = setTimeout(
    () => reply({ type: 'error', message: 'the load generator ran out of time' }, 2),
    config.warmupMs + config.durationMs + 180_000,
  );
  run(config).then(
    (result) => {
      clearTimeout(limit);
      reply({ type: 'result', result }, 0);
    },
    (error: unknown) => {
      clearTimeout(limit);
      reply(
        {
          type: 'error',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        },
        1,
      );
    },
  );
});
