/**
 * A store that answers later, for tests: it wraps another store (SQLite) and answers every
 * call with a Promise that settles after a random delay (0–20 ms, from a seed, so a failing
 * run can be repeated), doing the work at that moment, as a networked database would. It can
 * also be told to fail, like a database that went away.
 */
import type { Awaitable, Store } from '../../server/persistence/store.ts';
import { seededRandom } from './seededRandom.ts';

const MAX_DELAY_MS = 20;

export class LaterStore implements Store {
  /** While true, every call rejects (after its delay) without reaching the inner store. */
  failing = false;
  private readonly random: () => number;

  constructor(
    /** The store doing the work; tests may read it directly (it answers at once). */
    readonly inner: Store,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  private later<T>(work: () => Awaitable<T>): Promise<T> {
    const delay = Math.floor(this.random() * (MAX_DELAY_MS + 1));
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        if (this.failing) {
          reject(new Error('the store is unreachable (test)'));
          return;
        }
        try {
          Promise.resolve(work()).then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      }, delay);
    });
  }

  createBoard(...args: Parameters<Store['createBoard']>): Promise<void> {
    return this.later(() => this.inner.createBoard(...args));
  }
  getBoard(...args: Parameters<Store['getBoard']>) {
    return this.later(() => this.inner.getBoard(...args));
  }
  findBoardByJoinCode(...args: Parameters<Store['findBoardByJoinCode']>) {
    return this.later(() => this.inner.findBoardByJoinCode(...args));
  }
  isJoinCodeTaken(...args: Parameters<Store['isJoinCodeTaken']>) {
    return this.later(() => this.inner.isJoinCodeTaken(...args));
  }
  deleteBoard(...args: Parameters<Store['deleteBoard']>) {
    return this.later(() => this.inner.deleteBoard(...args));
  }
  creatorOf(...args: Parameters<Store['creatorOf']>) {
    return this.later(() => this.inner.creatorOf(...args));
  }
  claimBoard(...args: Parameters<Store['claimBoard']>) {
    return this.later(() => this.inner.claimBoard(...args));
  }
  insertToken(...args: Parameters<Store['insertToken']>): Promise<void> {
    return this.later(() => this.inner.insertToken(...args));
  }
  findToken(...args: Parameters<Store['findToken']>) {
    return this.later(() => this.inner.findToken(...args));
  }
  revokeTokensOf(...args: Parameters<Store['revokeTokensOf']>): Promise<void> {
    return this.later(() => this.inner.revokeTokensOf(...args));
  }
  appendUpdate(...args: Parameters<Store['appendUpdate']>): Promise<void> {
    return this.later(() => this.inner.appendUpdate(...args));
  }
  appendUpdates(...args: Parameters<Store['appendUpdates']>): Promise<void> {
    // A copy: the caller's list may change while the call is on its way.
    const entries = [...args[0]];
    return this.later(() => this.inner.appendUpdates(entries));
  }
  loadUpdates(...args: Parameters<Store['loadUpdates']>) {
    return this.later(() => this.inner.loadUpdates(...args));
  }
  countUpdates(...args: Parameters<Store['countUpdates']>) {
    return this.later(() => this.inner.countUpdates(...args));
  }
  compact(...args: Parameters<Store['compact']>): Promise<void> {
    return this.later(() => this.inner.compact(...args));
  }
  appendTimeline(...args: Parameters<Store['appendTimeline']>): Promise<void> {
    return this.later(() => this.inner.appendTimeline(...args));
  }
  loadTimeline(...args: Parameters<Store['loadTimeline']>) {
    return this.later(() => this.inner.loadTimeline(...args));
  }
  probeWrite(): Promise<void> {
    return this.later(() => this.inner.probeWrite());
  }
  damagedRows(...args: Parameters<Store['damagedRows']>) {
    return this.later(() => this.inner.damagedRows(...args));
  }
  close(): Promise<void> {
    // Closing is not delayed by `failing`: a test's store is always closed.
    return new Promise((resolve, reject) => {
      setTimeout(() => Promise.resolve(this.inner.close()).then(resolve, reject), 0);
    });
  }
}
