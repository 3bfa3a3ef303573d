/**
 * One board's work in order: each task starts once the one before it has finished, including
 * a store's answer that comes later. A task that finishes at once (a store that answers
 * synchronously) leaves the queue idle, so the next one runs in the same call: no Promise, no
 * waiting list.
 */
import type { Awaitable } from '../persistence/store.ts';

/** A task must not throw or reject: it handles its own failures. */
export type BoardTask = () => Awaitable<void>;

export class BoardQueue {
  private readonly waiting: BoardTask[] = [];
  /** A task's answer is pending. */
  private busy = false;

  /** Runs `task` now if nothing is pending, otherwise after everything queued before it. */
  run(task: BoardTask): void {
    if (this.busy) this.waiting.push(task);
    else this.start(task);
  }

  private start(task: BoardTask): void {
    const answer = task();
    if (!(answer instanceof Promise)) return;
    this.busy = true;
    answer.then(this.next, this.next);
  }

  private readonly next = (): void => {
    this.busy = false;
    while (!this.busy) {
      const task = this.waiting.shift();
      if (!task) return;
      this.start(task);
    }
  };
}
