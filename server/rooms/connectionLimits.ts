/**
 * Caps on open websockets per board, per address and per token, so one board, one machine or
 * one person's link cannot take every socket the server has. A whole venue shares one address
 * behind its wifi, so the per-address cap is generous. The per-token cap never refuses: a new
 * socket over it closes that token's oldest (a phone that hopped networks leaves its old socket
 * half-open), with a code the client retries. All configurable (docs/security-and-limits.md).
 *
 * These are one process's counts. With REDIS_URL, cluster/sharedCaps.ts counts every process's
 * sockets and falls back to these while Redis does not answer.
 */
import { CLOSES, type Close } from '../../shared/closeCodes.ts';

export interface ConnectionCaps {
  maxConnectionsPerBoard: number;
  maxConnectionsPerAddress: number;
  maxSocketsPerToken: number;
}

/** Where a socket comes from and whose token it carries (board and participant). */
export interface SocketOrigin {
  boardId: string;
  address: string;
  holder: string;
}

/** What the caps need of a socket: a way to close it when a newer one of its token arrives. */
export interface Closable {
  close(code: number, reason: string): void;
}

/** An admitted socket's place under the caps, given back once when it closes. */
export interface Seat {
  /** The socket the place was taken for (it may be admitted before it is accepted). */
  attach(socket: Closable): void;
  release(): void;
}

/** A socket's verdict: a place under the caps, or the close that refuses it. */
export type Admission = { seat: Seat } | { refused: Close };

export class ConnectionLimits {
  private readonly perBoard = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();
  /** Each token's open sockets, oldest first (a Set keeps insertion order). */
  private readonly perHolder = new Map<string, Set<Closable>>();

  constructor(private readonly caps: ConnectionCaps) {}

  /** Counts a new connection in, or says how it is refused (null: admitted). */
  admit(origin: SocketOrigin, socket: Closable): Close | null {
    const sockets = this.perHolder.get(origin.holder) ?? new Set<Closable>();
    // The token's own oldest socket makes room before the shared caps are judged.
    while (sockets.size >= this.caps.maxSocketsPerToken) {
      const oldest = sockets.values().next().value;
      if (oldest === undefined) break;
      sockets.delete(oldest);
      oldest.close(CLOSES.replacedByNewer.code, CLOSES.replacedByNewer.reason);
    }
    if ((this.perAddress.get(origin.address) ?? 0) >= this.caps.maxConnectionsPerAddress) {
      return CLOSES.tooManyFromAddress;
    }
    if ((this.perBoard.get(origin.boardId) ?? 0) >= this.caps.maxConnectionsPerBoard) {
      return CLOSES.tooManyOnBoard;
    }
    this.count(origin, socket);
    return null;
  }

  /** `admit` for an accepted socket, as a seat that releases itself once. */
  seat(origin: SocketOrigin, socket: Closable): Admission {
    const refused = this.admit(origin, socket);
    if (refused !== null) return { refused };
    let released = false;
    return {
      seat: {
        attach: () => undefined,
        release: () => {
          if (released) return;
          released = true;
          this.release(origin, socket);
        },
      },
    };
  }

  /** Counts a connection in without judging it: another process's counts admitted it. */
  count(origin: SocketOrigin, socket: Closable): void {
    increment(this.perAddress, origin.address, 1);
    increment(this.perBoard, origin.boardId, 1);
    const sockets = this.perHolder.get(origin.holder) ?? new Set<Closable>();
    sockets.add(socket);
    this.perHolder.set(origin.holder, sockets);
  }

  /** Counts an admitted connection out once it has closed. */
  release(origin: SocketOrigin, socket: Closable): void {
    increment(this.perAddress, origin.address, -1);
    increment(this.perBoard, origin.boardId, -1);
    const sockets = this.perHolder.get(origin.holder);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.perHolder.delete(origin.holder);
  }
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
