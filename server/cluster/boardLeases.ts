/**
 * Which process holds a board's room: a lease in Redis, taken with SET NX, renewed while the room
 * lives and given back when it unloads. Redis only decides who may try. What makes two holders
 * harmless (a Redis restarted empty hands the lease out again while the first still renews
 * nothing) is the fencing epoch PostgreSQL keeps per board: each new holder raises it, and every
 * append and compaction of an older holder is refused (persistence/fencedError.ts).
 *
 * A holder that cannot renew (Redis gone, or the lease lost) steps down before the lease would
 * expire: `onLost` closes its room so that its clients reconnect and find the board again.
 */
import type { Logger } from '../persistence/updateLog.ts';
import { type ClusterLink, leaseKey } from './clusterLink.ts';

export const LEASE_TTL_MS = 10_000;
const RENEW_MS = 3_000;

/** Renews only the holder's own lease. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
else return 0 end`;
/** Gives back (or clears a dead holder's) lease only if it is still that holder's. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
else return 0 end`;

/** `fresh`: newly taken by this process (its fencing epoch must be raised before any write). */
export type LeaseAnswer = { held: true; fresh: boolean } | { held: false; holder: string };

export class BoardLeases {
  /** The boards whose lease is ours: what to do if it is lost, and when it was last renewed. */
  private readonly held = new Map<string, { onLost: () => void; renewedAt: number }>();
  private readonly acquiring = new Map<string, Promise<LeaseAnswer>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly link: ClusterLink,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.renewAll(), RENEW_MS);
    this.timer.unref();
  }

  /**
   * Takes a board's lease if nobody holds it, or if its holder's process is dead (its lease
   * expired, or nobody listens on its channel). Answers who holds it otherwise. Rejects when
   * Redis does not answer.
   */
  async acquire(boardId: string, onLost: () => void): Promise<LeaseAnswer> {
    if (this.held.has(boardId)) return { held: true, fresh: false };
    // One try per board at a time: callers arriving meanwhile share its answer, and only the
    // first learns that the lease is freshly its own.
    const under = this.acquiring.get(boardId);
    if (under) {
      const answer = await under;
      return answer.held ? { held: true, fresh: false } : answer;
    }
    const attempt = this.tryAcquire(boardId, onLost).finally(() => this.acquiring.delete(boardId));
    this.acquiring.set(boardId, attempt);
    return attempt;
  }

  private async tryAcquire(boardId: string, onLost: () => void): Promise<LeaseAnswer> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const key = leaseKey(boardId);
      const taken = await this.link.commands.set(key, this.link.instance, 'PX', LEASE_TTL_MS, 'NX');
      if (taken === 'OK') {
        this.held.set(boardId, { onLost, renewedAt: Date.now() });
        return { held: true, fresh: true };
      }
      const holder = await this.link.commands.get(key);
      if (holder === null) continue; // given back meanwhile
      if (holder === this.link.instance) {
        // Ours from before a step-down that has not finished: take it up again.
        this.held.set(boardId, { onLost, renewedAt: Date.now() });
        return { held: true, fresh: true };
      }
      // The lease names the holder: a process that stalls keeps its boards until its lease
      // expires. One killed stops listening at once, though: its boards are taken over then.
      if (await this.link.listens(holder)) return { held: false, holder };
      await this.link.commands.eval(RELEASE, 1, key, holder);
    }
    throw new Error(`board ${boardId}: its lease kept changing hands`);
  }

  holds(boardId: string): boolean {
    return this.held.has(boardId);
  }

  /**
   * Gives a board's lease back (its room unloaded), if Redis still names this process;
   * `evenIfNotHeld`: also when this process had already counted it as lost.
   */
  async release(boardId: string, { evenIfNotHeld = false } = {}): Promise<void> {
    if (!this.held.delete(boardId) && !evenIfNotHeld) return;
    await this.link.commands
      .eval(RELEASE, 1, leaseKey(boardId), this.link.instance)
      .catch((error: unknown) =>
        this.logger.error(`redis: lease of ${boardId} not given back: ${String(error)}`),
      );
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * Renews every lease held. One that Redis says is no longer ours is lost at once; one that
   * cannot be renewed (Redis away) is given up before it could expire and pass to another.
   */
  private renewing = false;

  private async renewAll(): Promise<void> {
    // A round that hangs must not have others pile up behind it.
    if (this.renewing) return;
    this.renewing = true;
    try {
      await this.renewEach();
    } finally {
      this.renewing = false;
    }
  }

  private async renewEach(): Promise<void> {
    for (const [boardId, lease] of [...this.held]) {
      const sentAt = Date.now();
      let answer: 'renewed' | 'lost' | 'unknown' = 'unknown';
      try {
        const renewed = await this.link.commands.eval(
          RENEW,
          1,
          leaseKey(boardId),
          this.link.instance,
          LEASE_TTL_MS,
        );
        answer = renewed === 1 ? 'renewed' : 'lost';
      } catch (error) {
        this.logger.error(`redis: lease of ${boardId} not renewed: ${String(error)}`);
      }
      if (this.held.get(boardId) !== lease) continue;
      if (answer === 'renewed') {
        // The key's new expiry counts from when the renewal was sent, not answered.
        lease.renewedAt = sentAt;
        continue;
      }
      if (answer === 'unknown' && Date.now() - lease.renewedAt < LEASE_TTL_MS - 2 * RENEW_MS) {
        continue;
      }
      this.logger.info(`board ${boardId}: lease lost, stepping down`);
      this.held.delete(boardId);
      lease.onLost();
    }
  }
}
