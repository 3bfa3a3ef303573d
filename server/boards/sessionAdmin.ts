/**
 * What a facilitator does to the people of a board: invite co-facilitators, add proxy
 * participants, hand out a projector link, and remove people. Callers have already checked that
 * the request comes from a facilitator of the board.
 *
 * Removing someone revokes their tokens first, so a reconnect is refused from that moment; then
 * the server writes `removed: true` (stored before it is broadcast, like every server write),
 * and only then are their open sockets closed.
 */
import type { AddProxyRequest, AddProxyResponse, JoinResponse } from '../../shared/api.ts';
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import type { Store } from '../persistence/store.ts';
import { type Newcomer, requireOrganisation } from './admission.ts';
import type { BoardCommands } from './boardCommands.ts';
import { BoardServiceError } from './boardServiceError.ts';

export class SessionAdmin {
  constructor(
    private readonly store: Store,
    private readonly commands: BoardCommands,
  ) {}

  addCoFacilitator(boardId: string, name = 'Co-facilitator'): Promise<JoinResponse> {
    return this.admit(boardId, { name, role: 'facilitator' });
  }

  /** An observer for a wall screen; unlike a join, it works while joining is closed. */
  addObserverLink(boardId: string): Promise<JoinResponse> {
    return this.admit(boardId, { name: 'Projector', role: 'observer' });
  }

  async addProxy(boardId: string, request: AddProxyRequest): Promise<AddProxyResponse> {
    const board = await this.store.getBoard(boardId);
    if (!board) throw new BoardServiceError(404, 'boardNotFound', 'There is no such board.');
    const newcomer: Omit<Newcomer, 'proxy'> = { name: request.name, role: 'participant' };
    if (request.organisation !== undefined) {
      requireOrganisation(board, request.organisation);
      newcomer.organisation = request.organisation;
    }
    return this.commands.run(boardId, { kind: 'addProxy', newcomer });
  }

  /** Removes anyone but the board's creator: participant, proxy, observer or co-facilitator. */
  removeParticipant(boardId: string, participantId: string): Promise<void> {
    return this.remove(boardId, participantId, CLOSES.removed, false);
  }

  revokeCoFacilitator(boardId: string, participantId: string): Promise<void> {
    return this.remove(boardId, participantId, CLOSES.coFacilitatorRevoked, true);
  }

  private admit(boardId: string, newcomer: Newcomer): Promise<JoinResponse> {
    return this.commands.run(boardId, { kind: 'admit', newcomer });
  }

  private async remove(
    boardId: string,
    participantId: string,
    close: Close,
    onlyFacilitators: boolean,
  ): Promise<void> {
    await this.commands.run(boardId, { kind: 'remove', participantId, close, onlyFacilitators });
  }
}
