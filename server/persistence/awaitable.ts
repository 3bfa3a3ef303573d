/**
 * Continuing after a store's answer, which may be there at once (SQLite) or come later (a
 * networked database). An answer that is already there is used in the same call, so a store
 * that answers synchronously costs no Promise on the hot path.
 */
import type { Awaitable } from './store.ts';

/** Runs `next` with the answer: at once when it is there, once it resolves otherwise. */
export function andThen<T, R>(
  answer: Awaitable<T>,
  next: (value: T) => Awaitable<R>,
): Awaitable<R> {
  return answer instanceof Promise ? answer.then(next) : next(answer);
}
