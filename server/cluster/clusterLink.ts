/**
 * This server process's line to the others, through Redis: its own instance id, kept alive by a
 * key that expires when the process dies; its instance channel (messages for it) and the channels
 * of the boards it has clients of; and publishing. Redis carries notifications only: every write
 * is in PostgreSQL before any process hears of it.
 *
 * Two connections, as Redis requires: one subscribes, the other sends commands. Commands are
 * never queued while Redis is away (a lease renewal sent late would be wrong): they fail at once,
 * and whoever called decides. After Redis comes back, or once this process's key is found to
 * have lapsed while it lived, `onReconnect` listeners run: what was published meanwhile is lost
 * (and the others may have taken this process for dead), so they re-establish what they hold.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../persistence/updateLog.ts';

/** How long a dead process's key outlives it; its boards can be taken over after this. */
export const INSTANCE_TTL_MS = 6_000;
const HEARTBEAT_MS = 2_000;

const KEY_PREFIX = 'continuum:';
export const instanceChannel = (instance: string) => `${KEY_PREFIX}instance:${instance}`;
export const boardChannel = (boardId: string) => `${KEY_PREFIX}board:${boardId}`;
export const instanceKey = (instance: string) => `${KEY_PREFIX}alive:${instance}`;
export const leaseKey = (boardId: string) => `${KEY_PREFIX}lease:${boardId}`;

type ChannelListener = (message: Buffer) => void;

export class ClusterLink {
  readonly instance = `i-${randomBytes(6).toString('hex')}`;
  readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<ChannelListener>>();
  /** Subscriptions under way: a second listener waits for the first's. */
  private readonly subscribing = new Map<string, Promise<void>>();
  private readonly reconnectListeners = new Set<() => void>();
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;
  /** Whether a heartbeat has set the key yet. */
  private beaten = false;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    const options = {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 2_000),
    };
    // A command that hangs (a silent network) must fail, so a lease is given up in time.
    this.commands = new Redis(url, {
      ...options,
      enableOfflineQueue: false,
      commandTimeout: 1_000,
    });
    this.subscriber = new Redis(url, options);
    for (const client of [this.commands, this.subscriber]) {
      // Without a listener, a lost connection would end the process.
      client.on('error', (error: Error) => this.logger.error(`redis: ${error.message}`));
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      for (const listener of this.listeners.get(channel.toString()) ?? []) {
        // What another process sent must never take this one down.
        try {
          listener(message);
        } catch (error) {
          this.logger.error(`a message from another process failed: ${String(error)}`);
        }
      }
    });
    // Either line coming back means messages may have been lost meanwhile.
    for (const client of [this.commands, this.subscriber]) {
      let wasReady = false;
      client.on('ready', () => {
        if (wasReady) {
          this.logger.info('redis: connected again');
          void this.beat();
          for (const listener of this.reconnectListeners) listener();
        }
        wasReady = true;
      });
    }
  }

  /** Connects both lines and starts the heartbeat; rejects when Redis does not answer. */
  async start(): Promise<void> {
    await Promise.all([this.commands.connect(), this.subscriber.connect()]);
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Whether another process is alive (its key has not expired). */
  async isAlive(instance: string): Promise<boolean> {
    return (await this.commands.exists(instanceKey(instance))) === 1;
  }

  /** Whether a process listens on its channel (a killed one stops at once, its key lives on). */
  async listens(instance: string): Promise<boolean> {
    const answer = (await this.commands.pubsub('NUMSUB', instanceChannel(instance))) as unknown[];
    return Number(answer[1] ?? 0) > 0;
  }

  /** Publishes; resolves with how many processes heard it (0: nobody listens there). */
  publish(channel: string, message: Uint8Array): Promise<number> {
    return this.commands.publish(
      channel,
      Buffer.from(message.buffer, message.byteOffset, message.length),
    );
  }

  /** Listens on a channel until the returned function is called. */
  async listen(channel: string, listener: ChannelListener): Promise<() => void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      const subscribed = this.subscriber.subscribe(channel).then(() => undefined);
      this.subscribing.set(channel, subscribed);
      try {
        await subscribed;
      } catch (error) {
        // Not subscribed: the next listener tries again.
        if (this.listeners.get(channel) === set) this.listeners.delete(channel);
        throw error;
      } finally {
        this.subscribing.delete(channel);
      }
    } else {
      await this.subscribing.get(channel);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(channel);
      if (!this.closed) void this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.commands.del(instanceKey(this.instance)).catch(() => undefined);
    this.subscriber.disconnect();
    this.commands.disconnect();
  }

  private async beat(): Promise<void> {
    try {
      // GET answers the key as it was: none after the first beat means it lapsed while this
      // process lived (heartbeats Redis was too slow to take), and the others may have dropped
      // what it had registered (its sockets' caps, its forwarded clients): as after a reconnect.
      const before = await this.commands.set(
        instanceKey(this.instance),
        '1',
        'PX',
        INSTANCE_TTL_MS,
        'GET',
      );
      if (before === null && this.beaten && !this.closed) {
        this.logger.info(`redis: this process's key had lapsed; registering again`);
        for (const listener of this.reconnectListeners) listener();
      }
      this.beaten = true;
    } catch (error) {
      this.logger.error(`redis: heartbeat not sent: ${String(error)}`);
    }
  }
}
