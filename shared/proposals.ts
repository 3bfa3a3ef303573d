/**
 * Cards the group proposes while it discusses (issue 16): a participant proposes a card for an
 * element (POST /api/boards/:boardId/proposals), only facilitators see proposals, and one either
 * accepts it onto the board (a new card, which the group then places in a new round) or declines
 * it. The server keeps them in the board's `proposals` root, which only facilitators receive (the
 * view never carries it). Pure.
 */
import type * as Y from 'yjs';
import type { CardColumn } from './rubric.ts';

export const ROOT_PROPOSALS = 'proposals';

/** How many undecided proposals one person may have at a time. */
export const MAX_OPEN_PROPOSALS = 3;
/** How many proposals a board keeps, decided ones included: beyond it, new ones are refused. */
export const MAX_PROPOSALS_PER_BOARD = 300;

export type ProposalStatus = 'open' | 'accepted' | 'declined';

export interface Proposal {
  id: string;
  /** Who proposed it. */
  participantId: string;
  elementId: string;
  text: string;
  column: CardColumn;
  /** The text's language, as the proposer's screen gave it. */
  language?: string;
  /** Epoch ms. */
  createdAt: number;
  status: ProposalStatus;
  decidedAt?: number;
  /** The card it became, once accepted. */
  cardId?: string;
}

export function proposalsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_PROPOSALS);
}

function parseProposal(value: unknown): Proposal | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const { id, participantId, elementId, text, column, createdAt, status } = v;
  if (
    typeof id !== 'string' ||
    typeof participantId !== 'string' ||
    typeof elementId !== 'string' ||
    typeof text !== 'string' ||
    (column !== 'vendor' && column !== 'partnership') ||
    typeof createdAt !== 'number' ||
    (status !== 'open' && status !== 'accepted' && status !== 'declined')
  ) {
    return null;
  }
  return {
    id,
    participantId,
    elementId,
    text,
    column,
    createdAt,
    status,
    ...(typeof v.language === 'string' ? { language: v.language } : {}),
    ...(typeof v.decidedAt === 'number' ? { decidedAt: v.decidedAt } : {}),
    ...(typeof v.cardId === 'string' ? { cardId: v.cardId } : {}),
  };
}

/** The board's proposals, oldest first. */
export function readProposals(doc: Y.Doc): Proposal[] {
  const proposals: Proposal[] = [];
  proposalsMap(doc).forEach((value) => {
    const proposal = parseProposal(value);
    if (proposal) proposals.push(proposal);
  });
  return proposals.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function readProposal(doc: Y.Doc, proposalId: string): Proposal | null {
  return parseProposal(proposalsMap(doc).get(proposalId));
}

/** How many of one person's proposals wait for a decision. */
export function openProposalsOf(proposals: readonly Proposal[], participantId: string): number {
  return proposals.filter((p) => p.participantId === participantId && p.status === 'open').length;
}
