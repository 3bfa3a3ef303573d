/**
 * A redis-server of a test's own, as a child process on a free loopback port, so that the test
 * can kill it (-9) and start it again on the same port: nothing is saved (`--save ''`, no
 * append-only file), so a restarted Redis is empty, as after a crash of an unpersisted one.
 * Where redis-server is missing (servicesSetup.ts), tests skip with the reason.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, inject } from 'vitest';
import { freePort, HOST, trackChild } from './serverProcess.ts';

const READY_TIMEOUT_MS = 10_000;
const READY_POLL_MS = 50;

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

/** True once something on the port answers PING with PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    let reply = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const redis = inject('redis');
  if (!redis.ok) throw new Error(redis.reason);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'continuum-redis-'));
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    output = '';
    const started = spawn(
      redis.value,
      [
        ...['--bind', HOST, '--port', String(port), '--dir', dir],
        ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    trackChild(started);
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child = started;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await answersPing(port))) {
      if (started.exitCode !== null || started.signalCode !== null || Date.now() > deadline) {
        started.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}:\n${output.slice(-2_000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  };

  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
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
