/**
 * A fenced write refused: the board's owner epoch (store.ts's `claimBoard`) moved since the
 * writer claimed it, so another instance owns the board's writes now. The store has rolled the
 * whole write back: nothing of it is stored, so nothing of it may be sent to anyone.
 */
export class FencedError extends Error {
  constructor(readonly boards: readonly string[]) {
    super(
      `board ${boards.join(', ')} is owned by another instance now (its owner epoch moved): nothing was written`,
    );
    this.name = 'FencedError';
  }
}
