/**
 * A board's storage budget, shared by its logs (store.ts's LogName): the board's own document
 * and the view that participants get are both stored, and both count against the one limit.
 */
export interface CountedLog {
  /** Bytes in the stored log now. */
  readonly storedBytes: number;
}

export class StorageBudget {
  private readonly logs: CountedLog[] = [];

  constructor(private readonly limitBytes: number) {}

  count(log: CountedLog): void {
    this.logs.push(log);
  }

  /** Whether the board's logs may grow by `bytes` as they are. */
  fits(bytes: number): boolean {
    const used = this.logs.reduce((sum, log) => sum + log.storedBytes, 0);
    return used + bytes <= this.limitBytes;
  }
}
