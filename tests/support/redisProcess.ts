/**
 * A redis-server as a child process on a loopback port, nothing saved (`--save ''`, no
 * append-only file). `launchRedis` is for code that runs outside vitest (the benchmarks);
 * redisServer.ts is the tests' own, which reads the program from vitest's provided context and
 * can kill and restart it on the same port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, HOST, trackChild } from './serverProcess.ts';

const READY_TIMEOUT_MS = 10_000;
const READY_POLL_MS = 50;

export interface RedisProcess {
  pid: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Kills it and deletes its folder. */
  stop(): Promise<void>;
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

/** Starts `program` (redis-server's path) on `port`, keeping its files in `dir`; resolves once it answers PING. */
export async function spawnRedis(
  program: string,
  port: number,
  dir: string,
): Promise<ChildProcess> {
  const child = spawn(
    program,
    [
      ...['--bind', HOST, '--port', String(port), '--dir', dir],
      ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  trackChild(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await killRedis(child);
      throw new Error(`redis-server did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  return child;
}

/** Kills it with SIGKILL and waits until it has exited. */
export async function killRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Starts `program` (redis-server's path) on a free port, in a folder of its own. */
export async function launchRedis(program: string): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'continuum-redis-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let child: ChildProcess;
  try {
    child = await spawnRedis(program, port, dir);
  } catch (error) {
    remove();
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('redis-server has no pid');
  const stop = async () => {
    await killRedis(child);
    remove();
  };
  return { pid, url: `redis://${HOST}:${port}`, stop };
}
