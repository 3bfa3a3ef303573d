/**
 * Caps on open websockets per board and per address, so one board or one machine cannot take
 * every socket the server has. A whole venue shares one address behind its wifi, so the
 * per-address cap is generous; both are configurable (docs/security-and-limits.md).
 */
import { CLOSES, type Close } from '../../shared/closeCodes.ts';

export interface ConnectionCaps {
  maxConnectionsPerBoard: number;
  maxConnectionsPerAddress: number;
}

export class ConnectionLimits {
  private readonly perBoard = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly caps: ConnectionCaps) {}

  /** Counts a new connection in, or says how it is refused (null: admitted). */
  admit(boardId: string, address: string): Close | null {
    if ((this.perAddress.get(address) ?? 0) >= this.caps.maxConnectionsPerAddress) {
      return CLOSES.tooManyFromAddress;
    }
    if ((this.perBoard.get(boardId) ?? 0) >= this.caps.maxConnectionsPerBoard) {
      return CLOSES.tooManyOnBoard;
    }
    increment(this.perAddress, address, 1);
    increment(this.perBoard, boardId, 1);
    return null;
  }

  /** Counts an admitted connection out once it has closed. */
  release(boardId: string, address: string): void {
    increment(this.perAddress, address, -1);
    increment(this.perBoard, boardId, -1);
  }
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
