/**
 * A redis-server of a test's own, as a child process on a free loopback port, so that the test
 * can kill it (-9) and start it again on the same port: nothing is saved (`--save ''`, no
 * append-only file), so a restarted Redis is empty, as after a crash of an unpersisted one.
 * Where redis-server is missing (servicesSetup.ts), tests skip with the reason.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, inject } from 'vitest';
import { killRedis, spawnRedis } from './redisProcess.ts';
import { freePort, HOST } from './serverProcess.ts';

export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Kills the process with SIGKILL and waits until it has exited. */
  kill(): Promise<void>;
  /** Starts it again (empty) on the same port, once it answers PING. */
  restart(): Promise<void>;
  /** Kills it for good and deletes its folder. */
  stop(): Promise<void>;
}

/** Skips every test of the enclosing describe block, with the reason, when there is no redis-server. */
export function skipWithoutRedis(): void {
  beforeEach((context) => {
    const redis = inject('redis');
    if (!redis.ok) context.skip(redis.reason);
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const redis = inject('redis');
  if (!redis.ok) throw new Error(redis.reason);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'continuum-redis-'));
  let child: ChildProcess | null = null;

  const start = async () => {
    child = await spawnRedis(redis.value, port, dir);
  };

  const kill = async () => {
    const running = child;
    child = null;
    if (running) await killRedis(running);
  };

  await start();
  return {
    port,
    url: `redis://${HOST}:${port}`,
    kill,
    restart: async () => {
      await kill();
      await start();
    },
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
