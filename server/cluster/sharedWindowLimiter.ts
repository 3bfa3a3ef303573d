/**
 * http/slidingWindowLimiter.ts counted over every process, in Redis: board creations per
 * address, wrong join codes per board, failed code lookups per address. Each key's recent event
 * times are a sorted set (`continuum:window:<name>:<key>`) that expires with its window, timed by
 * Redis's clock so the processes' clocks do not matter; a dead process's events simply age out.
 *
 * Every event is counted here too: while Redis does not answer, this process judges by its own
 * counts rather than refusing everyone.
 */

import { SlidingWindowLimiter } from '../http/slidingWindowLimiter.ts';
import type { Logger } from '../persistence/updateLog.ts';
import type { ClusterLink } from './clusterLink.ts';
import { OutageNotice } from './outageNotice.ts';

/** KEYS: the key's set; ARGV: window (ms), max, and for a record a unique event id. */
const HELPERS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window, max = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local function wait()
  local count = redis.call('ZCARD', KEYS[1])
  if count < max then return 0 end
  local oldest = redis.call('ZRANGE', KEYS[1], count - max, count - max, 'WITHSCORES')[2]
  return math.max(0, tonumber(oldest) + window - now)
end
local function record()
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  -- Only the last max events decide when the key may act again.
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(max + 1))
  redis.call('PEXPIRE', KEYS[1], window)
end
`;

/** Milliseconds until the key may act again (0: now). */
const RETRY_AFTER = `${HELPERS} return wait()`;
const RECORD = `${HELPERS} record() return 1`;
/** RETRY_AFTER, and RECORD when it answers 0, in one step. */
const TAKE = `${HELPERS}
local waitMs = wait()
if waitMs == 0 then record() end
return waitMs
`;

export class SharedWindowLimiter {
  private readonly local: SlidingWindowLimiter;
  private nextEvent = 0;
  private readonly outage: OutageNotice;

  constructor(
    private readonly link: ClusterLink,
    private readonly name: string,
    private readonly maxEvents: number,
    private readonly windowMs: number,
    logger: Logger,
  ) {
    this.local = new SlidingWindowLimiter(maxEvents, windowMs);
    this.outage = new OutageNotice(logger, name);
  }

  /** Milliseconds until this key may act again, or 0 if it may act now. */
  async retryAfterMs(key: string): Promise<number> {
    try {
      const wait = await this.eval(RETRY_AFTER, key);
      this.outage.back();
      return Number(wait);
    } catch (error) {
      this.outage.away(error);
      return this.local.retryAfterMs(key);
    }
  }

  async record(key: string): Promise<void> {
    this.local.record(key);
    try {
      await this.eval(RECORD, key, this.eventId());
      this.outage.back();
    } catch (error) {
      this.outage.away(error);
    }
  }

  async take(key: string): Promise<number> {
    try {
      const wait = Number(await this.eval(TAKE, key, this.eventId()));
      this.outage.back();
      if (wait === 0) this.local.record(key);
      return wait;
    } catch (error) {
      this.outage.away(error);
      return this.local.take(key);
    }
  }

  private eval(script: string, key: string, ...args: string[]): Promise<unknown> {
    return this.link.commands.eval(
      script,
      1,
      this.keyOf(key),
      this.windowMs,
      this.maxEvents,
      ...args,
    );
  }

  private eventId(): string {
    return `${this.link.instance}:${++this.nextEvent}`;
  }

  private keyOf(key: string): string {
    return `continuum:window:${this.name}:${key}`;
  }
}
