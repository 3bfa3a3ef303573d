/**
 * The websocket caps (per board, per address, per token: rooms/connectionLimits.ts) counted over
 * every process, in Redis, so that a client cannot hold each cap once on each process.
 *
 * Each socket is a member of its process's own set under its board and under its address
 * (`continuum:caps:board:<board>@<process>`, indexed by `continuum:caps:board:<board>`), and of
 * its token's sorted set (`continuum:caps:token:<board>/<participant>`, oldest first). Adding
 * and removing a member is idempotent, so a socket released twice or registered again after a
 * reconnect is never counted twice. A process's sets count only while its instance key lives
 * (clusterLink.ts): after a kill -9 they stop counting once that key expires, and the next
 * admission that meets them deletes them.
 *
 * One script per admission (one round trip) prunes the dead, makes room for a token over its
 * cap by dropping its oldest socket (published to its process, which closes it), judges the
 * address and board caps and takes the place. When Redis does not answer, the admission is
 * judged by this process's own counts: a Redis blip must never lock a room out.
 */
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import type { Logger } from '../persistence/updateLog.ts';
import {
  type Admission,
  type Closable,
  type ConnectionCaps,
  ConnectionLimits,
  type Seat,
  type SocketOrigin,
} from '../rooms/connectionLimits.ts';
import { type ClusterLink, INSTANCE_TTL_MS, instanceKey } from './clusterLink.ts';
import { OutageNotice } from './outageNotice.ts';

const PREFIX = 'continuum:caps:';
const boardCapKey = (boardId: string) => `${PREFIX}board:${boardId}`;
const addressCapKey = (address: string) => `${PREFIX}address:${address}`;
const tokenCapKey = (holder: string) => `${PREFIX}token:${holder}`;
/** Where a process hears which of its sockets a newer one of the same token replaced. */
const replacedChannel = (instance: string) => `${PREFIX}replaced:${instance}`;

/**
 * Helpers of every script. An index (a set of process ids) names the per-process sets of one
 * board or address; a token's members are `<process>|<socket>|<address>`.
 */
const HELPERS = `
local alivePrefix = ARGV[1]
local me = ARGV[2]
local alive = {}
local function isAlive(instance)
  if instance == me then return true end
  if alive[instance] == nil then
    alive[instance] = redis.call('EXISTS', alivePrefix .. instance) == 1
  end
  return alive[instance]
end
local function add(index, instance, socket)
  redis.call('SADD', index, instance)
  redis.call('SADD', index .. '@' .. instance, socket)
end
local function forget(index, instance, socket)
  local set = index .. '@' .. instance
  redis.call('SREM', set, socket)
  if redis.call('SCARD', set) == 0 then redis.call('SREM', index, instance) end
end
local function count(index)
  local total = 0
  for _, instance in ipairs(redis.call('SMEMBERS', index)) do
    if isAlive(instance) then
      total = total + redis.call('SCARD', index .. '@' .. instance)
    else
      redis.call('DEL', index .. '@' .. instance)
      redis.call('SREM', index, instance)
    end
  end
  return total
end
local function now()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2])
end
`;

/**
 * KEYS: board index, address index, token set. ARGV: alive-key prefix, process, socket, address,
 * address-index prefix, replaced-channel prefix, cap per board, per address, per token, the
 * instance key's lifetime.
 * Answers `{verdict, lapsed, socket…}`: 'ok', 'address' or 'board'; 1 if this process's own
 * key had lapsed (the others may have deleted its sets); then this process's sockets that made
 * room (the other processes' were published to them).
 */
const ADMIT = `${HELPERS}
local socket, address = ARGV[3], ARGV[4]
local addressPrefix, channelPrefix = ARGV[5], ARGV[6]
local perBoard, perAddress, perToken = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  if not isAlive(string.match(member, '^([^|]*)|')) then redis.call('ZREM', KEYS[3], member) end
end
local replaced = {}
while redis.call('ZCARD', KEYS[3]) >= perToken do
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0)[1]
  redis.call('ZREM', KEYS[3], oldest)
  local instance, id, at = string.match(oldest, '^([^|]*)|([^|]*)|(.*)$')
  forget(KEYS[1], instance, id)
  forget(addressPrefix .. at, instance, id)
  if instance == me then table.insert(replaced, id)
  else redis.call('PUBLISH', channelPrefix .. instance, id) end
end
local verdict = 'ok'
if count(KEYS[2]) >= perAddress then verdict = 'address'
elseif count(KEYS[1]) >= perBoard then verdict = 'board'
else
  add(KEYS[1], me, socket)
  add(KEYS[2], me, socket)
  redis.call('ZADD', KEYS[3], now(), me .. '|' .. socket .. '|' .. address)
end
-- A process admitting is alive: a key that lapsed (heartbeats Redis was too slow to take) is
-- set again, so that the others stop deleting its sets before it registers them again.
local lapsed = redis.call('SET', alivePrefix .. me, '1', 'PX', ARGV[10], 'NX') and 1 or 0
return {verdict, lapsed, unpack(replaced)}
`;

/** Counts a socket in unjudged (registered again after a reconnect), with its age (ARGV[5], µs). */
const REGISTER = `${HELPERS}
add(KEYS[1], me, ARGV[3])
add(KEYS[2], me, ARGV[3])
redis.call('ZADD', KEYS[3], 'NX', tonumber(ARGV[5]), me .. '|' .. ARGV[3] .. '|' .. ARGV[4])
return 1
`;

/** Counts a closed socket out; nothing if it was already (replaced, or released before). */
const RELEASE = `${HELPERS}
redis.call('ZREM', KEYS[3], me .. '|' .. ARGV[3] .. '|' .. ARGV[4])
forget(KEYS[1], me, ARGV[3])
forget(KEYS[2], me, ARGV[3])
return 1
`;

/** A place taken before the socket exists: a replacement arriving meanwhile closes it on arrival. */
class SharedSeat implements Seat, Closable {
  private socket: Closable | null = null;
  private closedWith: { code: number; reason: string } | null = null;
  private released = false;
  /** When it was admitted, in microseconds (Redis's TIME in the scripts): its age among its token's. */
  readonly admittedAt = Math.round((performance.timeOrigin + performance.now()) * 1000);

  constructor(
    readonly id: string,
    readonly origin: SocketOrigin,
    private readonly onRelease: (seat: SharedSeat) => void,
  ) {}

  attach(socket: Closable): void {
    this.socket = socket;
    if (this.closedWith) socket.close(this.closedWith.code, this.closedWith.reason);
  }

  close(code: number, reason: string): void {
    if (this.socket) this.socket.close(code, reason);
    else this.closedWith = { code, reason };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease(this);
  }
}

export class SharedCaps {
  /** This process's admitted sockets, by id: what it registers again after a reconnect. */
  private readonly seats = new Map<string, SharedSeat>();
  /** This process's own counts: the verdict while Redis does not answer. */
  private readonly local: ConnectionLimits;
  /** Releases Redis did not take: sent first when it is back, or they would count for good. */
  private unsentReleases: SharedSeat[] = [];
  private nextId = 0;
  private readonly outage: OutageNotice;

  constructor(
    private readonly link: ClusterLink,
    private readonly caps: ConnectionCaps,
    logger: Logger,
  ) {
    this.local = new ConnectionLimits(caps);
    this.outage = new OutageNotice(logger, 'connection caps');
    // Redis may have restarted empty, or dropped this process's sockets while its key lapsed.
    link.onReconnect(() => void this.registerAgain());
  }

  /** Listens for this process's sockets that newer ones (on any process) replaced. */
  async start(): Promise<void> {
    await this.link.listen(replacedChannel(this.link.instance), (message) => {
      this.seats.get(message.toString())?.close(...closeArgs(CLOSES.replacedByNewer));
    });
  }

  /** Judges a socket about to be accepted; its seat must be released once it closes. */
  async admit(origin: SocketOrigin): Promise<Admission> {
    const seat = new SharedSeat(`s${++this.nextId}`, origin, (closed) => this.release(closed));
    let answer: unknown;
    try {
      answer = await this.link.commands.eval(
        ADMIT,
        3,
        ...this.keys(origin),
        ...this.args(seat),
        addressCapKey(''),
        replacedChannel(''),
        this.caps.maxConnectionsPerBoard,
        this.caps.maxConnectionsPerAddress,
        this.caps.maxSocketsPerToken,
        INSTANCE_TTL_MS,
      );
    } catch (error) {
      this.outage.away(error);
      const refused = this.local.admit(origin, seat);
      if (refused !== null) {
        // A script that timed out may still have run and taken the place: give it back.
        this.sendRelease(seat);
        return { refused };
      }
      this.seats.set(seat.id, seat);
      return { seat };
    }
    this.outage.back();
    const [verdict, lapsed, ...replaced] = Array.isArray(answer) ? answer.map(String) : [];
    // Its heartbeat missed (Redis too slow to answer, not gone): its sockets may be forgotten.
    if (lapsed === '1') void this.registerAgain();
    for (const id of replaced) this.seats.get(id)?.close(...closeArgs(CLOSES.replacedByNewer));
    const refused = refusal(verdict);
    if (refused !== null) return { refused };
    this.local.count(origin, seat);
    this.seats.set(seat.id, seat);
    return { seat };
  }

  private release(seat: SharedSeat): void {
    this.seats.delete(seat.id);
    this.local.release(seat.origin, seat);
    this.sendRelease(seat);
  }

  private sendRelease(seat: SharedSeat): void {
    this.link.commands
      .eval(RELEASE, 3, ...this.keys(seat.origin), ...this.args(seat))
      .catch((error: unknown) => {
        this.outage.away(error);
        this.unsentReleases.push(seat);
      });
  }

  /**
   * After Redis comes back: the releases it missed, then every open socket, in one pipeline.
   * One at a time: a call meanwhile runs once more after it.
   */
  private registering: Promise<void> | null = null;
  private registerRequested = false;

  private async registerAgain(): Promise<void> {
    if (this.registering) {
      this.registerRequested = true;
      return;
    }
    this.registering = this.registerOnce();
    await this.registering;
    this.registering = null;
    if (this.registerRequested) {
      this.registerRequested = false;
      await this.registerAgain();
    }
  }

  private async registerOnce(): Promise<void> {
    const releases = this.unsentReleases;
    this.unsentReleases = [];
    const pipeline = this.link.commands.pipeline();
    for (const seat of releases) {
      pipeline.eval(RELEASE, 3, ...this.keys(seat.origin), ...this.args(seat));
    }
    for (const seat of this.seats.values()) {
      pipeline.eval(REGISTER, 3, ...this.keys(seat.origin), ...this.args(seat), seat.admittedAt);
    }
    try {
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed) throw failed[0];
      this.outage.back();
    } catch (error) {
      // The next reconnect tries again; until then the releases are not forgotten.
      this.unsentReleases.push(...releases);
      this.outage.away(error);
    }
  }

  private keys(origin: SocketOrigin): [string, string, string] {
    return [boardCapKey(origin.boardId), addressCapKey(origin.address), tokenCapKey(origin.holder)];
  }

  private args(seat: SharedSeat): [string, string, string, string] {
    return [instanceKey(''), this.link.instance, seat.id, seat.origin.address];
  }
}

function refusal(verdict: string | undefined): Close | null {
  if (verdict === 'address') return CLOSES.tooManyFromAddress;
  if (verdict === 'board') return CLOSES.tooManyOnBoard;
  return null;
}

function closeArgs(close: Close): [number, string] {
  return [close.code, close.reason];
}
