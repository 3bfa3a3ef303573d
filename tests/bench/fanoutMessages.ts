/** What the fan-out bench and its load generator process (fanoutLoad.ts) tell each other. */
import type { LatencySummary } from './percentiles.ts';

export interface FanoutClientSpec {
  url: string;
  participantId: string;
  /**
   * What the client syncs with (shared/audience.ts): the whole board (facilitators; everyone on
   * the reference server) or the board's view (participants).
   */
  audience: 'board' | 'view';
}

export interface FanoutLoadConfig {
  label: string;
  /** The server process whose CPU and memory are read from /proc. */
  serverPid: number;
  clients: FanoutClientSpec[];
  /** A client that connects after the load to check convergence (writes nothing). */
  freshUrl: string;
  /** The same for the view, when some clients sync with it (a participant's token). */
  freshViewUrl: string | null;
  dragging: number;
  dragHz: number;
  dropsPerSecond: number;
  warmupMs: number;
  durationMs: number;
  cardIds: string[];
}

export interface FanoutLoadResult {
  label: string;
  clients: number;
  connectMs: number;
  /** Every delivery: awareness (drags, presence) and drops (document updates) to every other client. */
  all: LatencySummary;
  awareness: LatencySummary;
  drops: LatencySummary;
  dragsSent: number;
  dropsSent: number;
  framesPerSecond: number;
  bytesPerSecond: number;
  serverCpuPercent: number;
  serverRssBytes: number;
  serverPeakRssBytes: number;
  generatorCpuPercent: number;
  /** How late the generator's event loop ran (a busy generator delays what it measures). */
  generatorLoopDelayP99Ms: number;
  generatorLoopDelayMaxMs: number;
  /** Clients that never synced or whose connection ended during the run. */
  lost: number;
  /** Synced clients whose document (or view) differs from a fresh client's after the run. */
  diverged: number;
  /** Drops the fresh client is missing (writes the server lost). */
  missingWrites: number;
  settleMs: number;
  /** Whether the fresh client synced at all (an overloaded server may not answer in time). */
  freshSynced: boolean;
  /**
   * The longest time in the measured window during which no client received anything, with the
   * generator's own worst event-loop delay beside it: a gap far longer than that delay is the
   * server standing still (a blocked event loop), not the generator.
   */
  longestSilenceMs: number;
  /** When the worst delivery was sent, in seconds from the start of the window. */
  worstSentAtS: number;
  worstKind: 'awareness' | 'drop' | 'none';
  closeCodes: Record<string, number>;
}

export type ToLoadGenerator = { type: 'run'; config: FanoutLoadConfig };
export type FromLoadGenerator =
  | { type: 'result'; result: FanoutLoadResult }
  | { type: 'error'; message: string };
