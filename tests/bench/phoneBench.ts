/**
 * The first screen on a phone: a participant opening a 60-person, three-round workshop board
 * (compressionBench's workshop, its last round left open for placing) in Chromium at 360×800
 * with touch, the CPU throttled 4× and the network emulated (CDP), cold cache, against the
 * compiled server (`node dist/server/main.js`). Two people: one who has just joined (a new token)
 * and one returning who placed every card in every round. The clock runs from navigation start
 * until the first card's handle (`[data-card-id] [data-testid="chip"]`) is laid out, taken in
 * the frame after it was added (so after its layout, about when it is painted).
 *
 * Bytes: a TCP relay between the browser and the server counts what the server sent on each
 * connection, on the wire (headers, gzip, websocket framing and deflate included), split into
 * HTTP (HTML, JS, CSS, API answers) and the websocket, up to the moment the card showed; the
 * page also counts the websocket's messages as it received them (inflated).
 *
 * Networks (Network.emulateNetworkConditions): fast 3G as the issue states it (1.6 Mb/s down,
 * 750 kb/s up, 150 ms latency) and slow 3G as DevTools' "Slow 3G" was described to us
 * (500 kb/s down and up, 400 ms latency).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { type Browser, chromium } from '@playwright/test';
import { freePort, launchServer } from '../support/serverProcess.ts';
import { joinParticipants, runWorkshop } from './boardSetup.ts';
import { buildClient, measureBundle } from './clientBundle.ts';
import type { BenchFigure } from './figures.ts';
import { median } from './percentiles.ts';
import { type BenchServer, REPO_ROOT } from './serverProcess.ts';

/** The workshop of compressionBench: 60 people, three rounds, the last left open for placing. */
const WORKSHOP_PEOPLE = 60;
const INITIAL_JS_TARGET_KB = 150;
const HOST_NAME = 'phone.test';
const CARD_SELECTOR = '[data-card-id] [data-testid="chip"]';
const CARD_TIMEOUT_MS = 120_000;
const CPU_SLOWDOWN = 4;

interface Network {
  name: string;
  /** Bytes per second, as CDP takes them. */
  downloadThroughput: number;
  uploadThroughput: number;
  latency: number;
  targetMs: number;
  runs: number;
}

const NETWORKS: readonly Network[] = [
  {
    name: 'fast 3G',
    downloadThroughput: 1_600_000 / 8,
    uploadThroughput: 750_000 / 8,
    latency: 150,
    targetMs: 2_000,
    runs: 3,
  },
  {
    name: 'slow 3G',
    downloadThroughput: 500_000 / 8,
    uploadThroughput: 500_000 / 8,
    latency: 400,
    targetMs: 6_000,
    runs: 2,
  },
];

/** Runs in the page before its scripts: when the first card shows, and the websocket's bytes. */
const PHONE_INIT_SCRIPT = `(() => {
  const probe = {
    cardAt: null, cardWallClock: null, wsBytes: 0, wsBytesAtCard: null, elementsAtCard: null,
    wsCreatedAt: null, wsOpenAt: null, wsFirstMessageAt: null, wsLastMessageAt: null,
  };
  window.__phone = probe;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      probe.wsCreatedAt ??= performance.now();
      this.addEventListener('open', () => { probe.wsOpenAt ??= performance.now(); });
      this.addEventListener('message', (event) => {
        probe.wsFirstMessageAt ??= performance.now();
        if (probe.cardAt === null) probe.wsLastMessageAt = performance.now();
        const data = event.data;
        probe.wsBytes += typeof data === 'string' ? data.length : (data.byteLength ?? data.size ?? 0);
      });
    }
  };
  const shown = () => {
    const chip = document.querySelector(${JSON.stringify(CARD_SELECTOR)});
    if (!chip) return false;
    const box = chip.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  let waiting = false;
  const observer = new MutationObserver(() => {
    if (waiting || probe.cardAt !== null || !shown()) return;
    waiting = true;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.cardAt = performance.now();
        probe.cardWallClock = Date.now();
        probe.wsBytesAtCard = probe.wsBytes;
        probe.elementsAtCard = document.getElementsByTagName('*').length;
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

interface Connection {
  websocket: boolean;
  /** [Date.now(), bytes] of each chunk the server sent. */
  chunks: Array<[number, number]>;
}

/**
 * A TCP relay in front of the server that notes every chunk the server sends; with `tls`, the
 * relay is the TLS end (as a deployment's proxy is, docs/deploy.md) and counts what it encrypts.
 */
async function byteCountingRelay(
  target: number,
  tls?: { key: Buffer; cert: Buffer },
): Promise<{
  port: number;
  server: Server;
  connections: Connection[];
}> {
  const connections: Connection[] = [];
  const relayTo = (client: Socket) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    const connection: Connection = { websocket: false, chunks: [] };
    connections.push(connection);
    let first = true;
    client.on('data', (chunk) => {
      if (first) connection.websocket = chunk.toString('latin1', 0, 8).startsWith('GET /ws/');
      first = false;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      connection.chunks.push([Date.now(), chunk.length]);
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  };
  const server = tls ? createTlsServer(tls, relayTo) : createServer(relayTo);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, server, connections };
}

interface PhoneRun {
  ms: number;
  /** When things happened, ms from navigation start: for the log. */
  timeline: string;
  httpBytes: number;
  wsWireBytes: number;
  wsMessageBytes: number;
}

interface PhoneProbe {
  cardAt: number | null;
  wsCreatedAt: number | null;
  wsOpenAt: number | null;
  wsFirstMessageAt: number | null;
  wsLastMessageAt: number | null;
  cardWallClock: number | null;
  wsBytesAtCard: number | null;
  elementsAtCard: number | null;
}

function fileName(label: string, extension: string): string {
  return `${label.replaceAll(/[^\w]+/g, '-')}-${Date.now()}.${extension}`;
}

async function openOnPhone(
  browser: Browser,
  relay: Awaited<ReturnType<typeof byteCountingRelay>>,
  url: string,
  network: Network,
  /** Names the run's profile and trace files. */
  label: string,
): Promise<PhoneRun> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 800 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  try {
    await context.addInitScript({ content: PHONE_INIT_SCRIPT });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.latency,
      downloadThroughput: network.downloadThroughput,
      uploadThroughput: network.uploadThroughput,
      connectionType: 'cellular3g',
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    relay.connections.length = 0;
    // PHONE_PROFILE=<dir>: each run's main-thread CPU profile, to open in DevTools.
    const profileDir = process.env.PHONE_PROFILE;
    if (profileDir) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // PHONE_TRACE=<dir>: each run's performance trace (style, layout, compile, scripts).
    const traceDir = process.env.PHONE_TRACE;
    if (traceDir) {
      await browser.startTracing(page, {
        path: join(traceDir, fileName(label, 'json')),
        categories: ['devtools.timeline', 'v8', 'v8.execute', 'blink', 'loading'],
      });
    }
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __phone: PhoneProbe }).__phone.cardAt !== null,
      undefined,
      { timeout: CARD_TIMEOUT_MS, polling: 100 },
    );
    const probe = await page.evaluate(() => (window as unknown as { __phone: PhoneProbe }).__phone);
    if (traceDir) await browser.stopTracing();
    if (profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      const name = fileName(label, 'cpuprofile');
      writeFileSync(join(profileDir, name), JSON.stringify(profile));
    }
    const until = probe.cardWallClock ?? Number.POSITIVE_INFINITY;
    const sent = (websocket: boolean) =>
      relay.connections
        .filter((connection) => connection.websocket === websocket)
        .flatMap((connection) => connection.chunks)
        .filter(([at]) => at <= until)
        .reduce((sum, [, bytes]) => sum + bytes, 0);
    const at = (ms: number | null | undefined) => (ms == null ? '-' : (ms / 1000).toFixed(2));
    const scripts = await page.evaluate(() =>
      Math.max(
        0,
        ...performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('.js'))
          .map((entry) => (entry as PerformanceResourceTiming).responseEnd),
      ),
    );
    // PHONE_WATERFALL=1: every request before the card, with when it started and ended.
    if (process.env.PHONE_WATERFALL) {
      const waterfall = await page.evaluate(() =>
        [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
          .map((entry) => entry as PerformanceResourceTiming)
          .map(
            (entry) =>
              `${new URL(entry.name).pathname} ${(entry.startTime / 1000).toFixed(2)}→${(entry.requestStart / 1000).toFixed(2)}→${(entry.responseStart / 1000).toFixed(2)}→${(entry.responseEnd / 1000).toFixed(2)}`,
          ),
      );
      console.log(`  phone: ${network.name} requests: ${waterfall.join(', ')}`);
      console.log(
        `  phone: ${network.name} elements on the page at the card: ${probe.elementsAtCard}`,
      );
    }
    return {
      ms: probe.cardAt ?? Number.NaN,
      timeline: `scripts in ${at(scripts)}, ws created ${at(probe.wsCreatedAt)}, open ${at(probe.wsOpenAt)}, first message ${at(probe.wsFirstMessageAt)}, last before the card ${at(probe.wsLastMessageAt)}, card ${at(probe.cardAt)}`,
      httpBytes: sent(false),
      wsWireBytes: sent(true),
      wsMessageBytes: probe.wsBytesAtCard ?? Number.NaN,
    };
  } finally {
    await context.close();
  }
}

/** A certificate for HOST_NAME, made with openssl for this run (the browser ignores its issuer). */
function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const key = join(dir, 'relay-key.pem');
  const cert = join(dir, 'relay-cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      `/CN=${HOST_NAME}`,
      '-addext',
      `subjectAltName=DNS:${HOST_NAME}`,
    ],
    // Its complaint, if any, goes into the error that skips the HTTPS runs.
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

async function startCompiled(clientDir: string): Promise<BenchServer> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.server.json'], { cwd: REPO_ROOT });
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-phone-'));
  const port = await freePort();
  const server = await launchServer({
    args: ['dist/server/main.js'],
    port,
    env: {
      DATA_DIR: dataDir,
      CLIENT_DIR: clientDir,
      MAX_PARTICIPANTS_PER_BOARD: '1000',
      BOARD_CREATIONS_PER_MINUTE: '1000',
      // The workshop is seconds, not hours: the per-person rates are lifted, as in docgrowth.
      UPDATES_PER_SECOND: '100000',
      UPDATES_BURST: '100000',
      ...(process.env.WS_COMPRESSION ? { WS_COMPRESSION: process.env.WS_COMPRESSION } : {}),
    },
  });
  return {
    kind: 'continuum',
    pid: server.pid,
    port,
    baseUrl: server.baseUrl,
    dataDir,
    roomUrl: (room, token) =>
      `ws://127.0.0.1:${port}/ws/${room}?token=${encodeURIComponent(token ?? '')}`,
    output: server.output,
    stop: async () => {
      await server.stop('SIGTERM', 15_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function runPhoneBench(): Promise<BenchFigure[]> {
  const part = 'phone';
  const kb = 1024;
  // PHONE_NETWORK=fast: one network only (a substring of its name), for a quicker look;
  // PHONE_TRANSPORT=http or https, one transport.
  const only = process.env.PHONE_NETWORK;
  const networks = NETWORKS.filter((each) => !only || each.name.includes(only));
  if (networks.length === 0) throw new Error(`phone: no network is called "${only}"`);
  const onlyTransport = process.env.PHONE_TRANSPORT;
  if (onlyTransport && onlyTransport !== 'http' && onlyTransport !== 'https') {
    throw new Error(`phone: PHONE_TRANSPORT is http or https, not "${onlyTransport}"`);
  }
  const outDir = mkdtempSync(join(tmpdir(), 'continuum-phone-build-'));
  // Not beside the build, which the server serves.
  const certDir = mkdtempSync(join(tmpdir(), 'continuum-phone-tls-'));
  const figures: BenchFigure[] = [];
  let server: BenchServer | null = null;
  let browser: Browser | null = null;
  let relay: Awaited<ReturnType<typeof byteCountingRelay>> | null = null;
  let tlsRelay: Awaited<ReturnType<typeof byteCountingRelay>> | null = null;
  try {
    const profileDir = process.env.PHONE_PROFILE;
    const bundle = measureBundle(outDir, buildClient(outDir, { sourcemap: Boolean(profileDir) }));
    // The maps go beside the profiles, to name the minified functions in them.
    if (profileDir) cpSync(join(outDir, 'assets'), join(profileDir, 'assets'), { recursive: true });
    figures.push({
      part,
      name: 'initial JS, gzip (entry + static imports)',
      value: bundle.initialJsGzip / kb,
      unit: 'KB',
      target: INITIAL_JS_TARGET_KB,
      better: 'lower',
    });
    server = await startCompiled(outDir);
    const started = performance.now();
    const workshop = await runWorkshop(server, {
      participants: WORKSHOP_PEOPLE,
      rounds: 3,
      passes: 3,
      finish: false,
    });
    await workshop.leave();
    const { board, people } = workshop;
    console.log(
      `  phone: the workshop board took ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const returning = people[0];
    if (!returning) throw new Error('phone: the workshop has no participants');
    relay = await byteCountingRelay(server.port);
    if (onlyTransport !== 'http') {
      try {
        tlsRelay = await byteCountingRelay(server.port, selfSignedCertificate(certDir));
      } catch (error) {
        console.log(`  phone: the HTTPS runs are skipped: no certificate (${String(error)})`);
      }
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        // A name that is not loopback: a page on loopback first asks the server where the room is.
        `--host-resolver-rules=MAP ${HOST_NAME} 127.0.0.1`,
        `--unsafely-treat-insecure-origin-as-secure=http://${HOST_NAME}:${relay.port}`,
        // The HTTPS relay's certificate is made for this run.
        '--ignore-certificate-errors',
      ],
    });
    // Plain HTTP, as `npm start` serves a room on a LAN: Chromium then accepts gzip only. Over
    // HTTPS, as behind the TLS proxy of docs/deploy.md, it also accepts brotli, which the server
    // sends (the build writes both).
    const transports = [
      ...(onlyTransport === 'https'
        ? []
        : [{ name: '', relay, origin: `http://${HOST_NAME}:${relay.port}` }]),
      ...(tlsRelay
        ? [
            {
              name: ' over HTTPS',
              relay: tlsRelay,
              origin: `https://${HOST_NAME}:${tlsRelay.port}`,
            },
          ]
        : []),
    ];
    let newcomers = 0;
    for (const transport of transports)
      for (const network of networks) {
        for (const who of ['newly joined', 'returning'] as const) {
          const runs: PhoneRun[] = [];
          for (let run = 0; run < network.runs; run++) {
            const token =
              who === 'returning'
                ? returning.token
                : (await joinParticipants(server.baseUrl, board, 1, `Phone ${++newcomers}`))[0]
                    ?.token;
            if (!token) throw new Error('phone: a newcomer could not join');
            runs.push(
              await openOnPhone(
                browser,
                transport.relay,
                `${transport.origin}/b/${board.boardId}#token=${encodeURIComponent(token)}`,
                network,
                `${network.name}${transport.name} ${who}`,
              ),
            );
          }
          const label = `${network.name}${transport.name}, ${who}`;
          for (const run of runs) console.log(`  phone: ${label}: ${run.timeline}`);
          console.log(
            `  phone: ${label}: ${runs.map((run) => `${(run.ms / 1000).toFixed(2)} s (HTTP ${(run.httpBytes / kb).toFixed(0)} KB, ws ${(run.wsWireBytes / kb).toFixed(1)} KB on the wire, ${(run.wsMessageBytes / kb).toFixed(1)} KB inflated)`).join('; ')}`,
          );
          const kilobytes = (name: string, bytes: (run: PhoneRun) => number): BenchFigure => ({
            part,
            name,
            value: median(runs.map(bytes)) / kb,
            unit: 'KB',
            target: null,
            better: 'lower',
          });
          figures.push(
            {
              part,
              name: `${label}: first card shown, median of ${runs.length}`,
              value: median(runs.map((run) => run.ms)),
              unit: 'ms',
              target: network.targetMs,
              better: 'lower',
            },
            kilobytes(`${label}: HTTP bytes before it (wire)`, (run) => run.httpBytes),
            kilobytes(`${label}: websocket bytes before it (wire)`, (run) => run.wsWireBytes),
            kilobytes(
              `${label}: websocket messages before it (inflated)`,
              (run) => run.wsMessageBytes,
            ),
          );
        }
      }
    return figures;
  } finally {
    await browser?.close();
    relay?.server.close();
    tlsRelay?.server.close();
    await server?.stop();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(certDir, { recursive: true, force: true });
  }
}
