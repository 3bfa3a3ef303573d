/**
 * Code that runs inside the benchmarked page (Chromium, via Playwright). Each function is
 * serialised by page.evaluate, so it must not use anything from this module's scope.
 *
 * Frame time: for every animation frame, from the frame's start (the requestAnimationFrame
 * timestamp, taken before the frame's input events are handled) until a message posted from the
 * rAF callback runs, i.e. after the frame's style, layout and paint: the main-thread time that
 * frame cost. The interval between rAF timestamps is also kept; at 60 Hz it is 16.7 ms even on
 * an empty page, so it only tells whether a vsync was missed.
 */

export interface FrameSamples {
  /** Main-thread time per frame, ms. */
  work: number[];
  /** Time between consecutive frames, ms. */
  intervals: number[];
}

export interface PaintSample {
  /** When the last websocket message before the change arrived (performance.now()). */
  arrivedAt: number;
  /** When the DOM changed. */
  mutatedAt: number;
  /** After the frame that shows the change was painted. */
  paintedAt: number;
  /** The start (rAF timestamp) of that frame. */
  frameStart: number;
}

interface ProbeWindow extends Window {
  __lastMessageAt?: number;
  __frameProbe?: FrameSamples & { running: boolean };
  __paints?: PaintSample[];
}

/**
 * Runs before the page's own scripts: esbuild's `__name` helper (tsx keeps function names in
 * the functions below) and a WebSocket that timestamps each incoming message before the
 * provider's own handler runs (listeners added in the constructor come first).
 */
export const PAGE_INIT_SCRIPT = `
globalThis.__name = (target) => target;
(() => {
  const Native = globalThis.WebSocket;
  globalThis.__lastMessageAt = 0;
  globalThis.WebSocket = class TimedWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { globalThis.__lastMessageAt = performance.now(); });
    }
  };
})();
`;

export function startFrameProbe(): void {
  const probeWindow = window as ProbeWindow;
  const probe = { work: [] as number[], intervals: [] as number[], running: true };
  probeWindow.__frameProbe = probe;
  const channel = new MessageChannel();
  let frameStart = 0;
  let previous = 0;
  channel.port1.onmessage = () => {
    probe.work.push(performance.now() - frameStart);
  };
  const onFrame = (timestamp: number) => {
    if (!probe.running) return;
    if (previous > 0) probe.intervals.push(timestamp - previous);
    previous = timestamp;
    frameStart = timestamp;
    channel.port2.postMessage(null);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

export function stopFrameProbe(): FrameSamples {
  const probe = (window as ProbeWindow).__frameProbe;
  if (!probe) return { work: [], intervals: [] };
  probe.running = false;
  return { work: [...probe.work], intervals: [...probe.intervals] };
}

/** Watches one card's row: each DOM change is timed from message arrival to its paint. */
export function watchRow(cardId: string): void {
  const probeWindow = window as ProbeWindow;
  const paints: PaintSample[] = [];
  // No frame loop of its own: an animating page would wait for vsync where an idle one need not.
  probeWindow.__paints = paints;
  const row = document.querySelector(`[data-card-id="${cardId}"]`);
  if (!row) throw new Error(`no row for ${cardId}`);
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    const arrivedAt = probeWindow.__lastMessageAt ?? Number.NaN;
    const mutatedAt = performance.now();
    requestAnimationFrame((frameStart) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        paints.push({ arrivedAt, mutatedAt, paintedAt: performance.now(), frameStart });
        pending = false;
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(row, { subtree: true, childList: true, attributes: true, characterData: true });
}

export function paintCount(): number {
  return (window as ProbeWindow).__paints?.length ?? 0;
}

export function paintCountAbove(count: number): boolean {
  return ((window as ProbeWindow).__paints?.length ?? 0) > count;
}

export function takePaints(): PaintSample[] {
  return [...((window as ProbeWindow).__paints ?? [])];
}
