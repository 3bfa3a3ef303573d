/**
 * The frames a board's holder sends to clients connected through other processes, gathered over
 * one turn of the event loop and published on the board's channel as one message per frame, with
 * the connections of every process it goes to: a broadcast to 2,000 people is one message, not
 * 2,000. A frame for one process's connections only (a sync answer, a reply to one client) goes
 * on that process's own channel instead, so no other process reads it. Each connection still
 * gets its frames in the order they were sent: a frame already gathered is reused for a
 * connection only if nothing was gathered for that connection after it (and Redis delivers one
 * publisher's messages to one subscriber in order, whichever channel they take).
 *
 * A frame that could not be published is missing from its receivers' documents: `onLost` hears
 * of them, and they are closed so that they sync again.
 */
import type { Logger } from '../persistence/updateLog.ts';
import { boardChannel, type ClusterLink, instanceChannel } from './clusterLink.ts';
import { encodePeerMessage } from './wire.ts';

interface Gathered {
  frame: Uint8Array;
  to: Map<string, number[]>;
}

export class FrameBatcher {
  /** By board: the frames gathered this turn, in order. */
  private readonly boards = new Map<string, Gathered[]>();
  /** Per board and connection ("instance/connId"): the index of its last gathered frame. */
  private readonly lastIndex = new Map<string, Map<string, number>>();
  private scheduled = false;

  constructor(
    private readonly link: ClusterLink,
    private readonly logger: Logger,
    private readonly onLost: (boardId: string, to: ReadonlyMap<string, readonly number[]>) => void,
  ) {}

  send(boardId: string, instance: string, connId: number, frame: Uint8Array): void {
    let gathered = this.boards.get(boardId);
    let last = this.lastIndex.get(boardId);
    if (!gathered || !last) {
      gathered = [];
      last = new Map();
      this.boards.set(boardId, gathered);
      this.lastIndex.set(boardId, last);
    }
    const connection = `${instance}/${connId}`;
    const after = last.get(connection) ?? -1;
    let index = -1;
    for (let i = gathered.length - 1; i > after; i--) {
      if (gathered[i]?.frame === frame) {
        index = i;
        break;
      }
    }
    if (index === -1) {
      index = gathered.length;
      gathered.push({ frame, to: new Map() });
    }
    const entry = gathered[index];
    if (!entry) return;
    const ids = entry.to.get(instance);
    if (ids) ids.push(connId);
    else entry.to.set(instance, [connId]);
    last.set(connection, index);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const boards = [...this.boards];
    this.boards.clear();
    this.lastIndex.clear();
    for (const [boardId, gathered] of boards) {
      for (const { frame, to } of gathered) {
        const message = encodePeerMessage({ type: 'frames', boardId, frame, to });
        const [only, ...others] = to.keys();
        const channel =
          only !== undefined && others.length === 0 ? instanceChannel(only) : boardChannel(boardId);
        this.link.publish(channel, message).catch((error: unknown) => {
          this.logger.error(`board ${boardId}: frames not published: ${String(error)}`);
          this.onLost(boardId, to);
        });
      }
    }
  }
}
