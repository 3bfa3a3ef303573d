/**
 * Says once that Redis does not answer and this process counts on its own meanwhile, and once
 * that it answers again: an outage must not write a line per admission.
 */
import type { Logger } from '../persistence/updateLog.ts';

export class OutageNotice {
  private redisAway = false;

  constructor(
    private readonly logger: Logger,
    /** What is counted, as in "… counted on this process only". */
    private readonly what: string,
  ) {}

  away(error: unknown): void {
    if (this.redisAway) return;
    this.redisAway = true;
    this.logger.error(
      `redis: ${this.what} counted on this process only until it answers: ${String(error)}`,
    );
  }

  back(): void {
    if (!this.redisAway) return;
    this.redisAway = false;
    this.logger.info(`redis: ${this.what} counted over every process again`);
  }
}
