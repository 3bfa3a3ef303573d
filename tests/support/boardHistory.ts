/**
 * A board document with a history, written with the boardDoc helpers as clients and the server
 * would write it: people of every kind, two rounds on one card, reasons, a proxy, someone
 * removed after a round closed, an outlier and final positions. For the snapshot tests.
 */
import * as Y from 'yjs';
import {
  initBoardDoc,
  type Participant,
  type Placement,
  placementOwners,
  putParticipant,
  readParticipants,
  readPlacement,
  readRounds,
  setFinal,
  setPhase,
  setPlacement,
  startRound,
} from '../../shared/boardDoc.ts';
import { cardStats } from '../../shared/boardStats.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../shared/rubric.ts';

export const T0 = Date.UTC(2025, 4, 1, 9, 0, 0);

/** Board-side ids and names; none may show up in an anonymised export. */
export const PEOPLE = {
  facilitator: { id: 'fac7h2kq', name: 'Fiona Facilitator', role: 'facilitator' },
  ana: { id: 'ana3m8xp', name: 'Ana Alvarez', role: 'participant', organisation: 'County' },
  ben: { id: 'ben9r4tz', name: 'Ben Brandt', role: 'participant', organisation: 'Alliance' },
  cy: { id: 'cyw6d2nv', name: 'Cy Coleridge', role: 'participant' },
  dee: { id: 'dee5k7jq', name: 'Dee Dimitrova', role: 'participant', organisation: 'County' },
  eli: { id: 'eli2p9wc', name: 'Eli Eastwood', role: 'participant' },
  fay: { id: 'fay8s3hb', name: 'Fay Fontaine', role: 'participant' },
  wall: { id: 'wal4g6ym', name: 'Wally Projector', role: 'observer' },
} as const;

/** Join order (by joinedAt) of the people who place cards. */
export const PLACERS = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay'] as const;

function place(doc: Y.Doc, who: keyof typeof PEOPLE, cardId: string, placement: Placement): void {
  setPlacement(doc, PEOPLE[who].id, cardId, placement, 'local');
}

/** Freezes the round of some cards as the client does (boardActions.startRound). */
function closeRound(doc: Y.Doc, cardIds: string[], closedAt: number): void {
  const participants = Object.fromEntries(readParticipants(doc));
  const rounds = readRounds(doc);
  const positions: Record<string, Record<string, number>> = {};
  const summaries: Record<string, unknown> = {};
  for (const cardId of cardIds) {
    const byParticipant: Record<string, Placement> = {};
    for (const id of placementOwners(doc)) {
      const placement = readPlacement(doc, id, cardId);
      if (placement) byParticipant[id] = placement;
    }
    const stats = cardStats(cardId, byParticipant, participants, rounds);
    summaries[cardId] = stats.summary;
    for (const { participantId, placement } of stats.placed) {
      positions[participantId] = { ...positions[participantId], [cardId]: placement.x };
    }
  }
  startRound(doc, { cardIds, closedAt, positions, summaries }, false, 'local');
}

export function boardWithHistory(): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(
    doc,
    {
      title: 'Retreat, "North" = 2025',
      createdAt: T0,
      organisations: ['County', 'Alliance'],
      rubric: ELEMENTS_OF_PARTNERSHIP,
    },
    'server',
  );
  Object.values(PEOPLE).forEach((person, index) => {
    const participant: Participant = {
      name: person.name,
      role: person.role,
      color: '#0072B2',
      joinedAt: T0 + index * 1000,
    };
    if ('organisation' in person) participant.organisation = person.organisation;
    if (person.id === PEOPLE.ben.id) participant.proxy = true;
    putParticipant(doc, person.id, participant, 'server');
  });

  // Round 1 of trust.v1: Eli is the outlier at 1.
  const round1 = { ana: 0.5, ben: 0.52, cy: 0.48, dee: 0.5, eli: 1, fay: 0.5 } as const;
  for (const [who, x] of Object.entries(round1)) {
    place(doc, who as keyof typeof round1, 'trust.v1', { x, round: 1, at: T0 + 60_000 });
  }
  place(doc, 'ben', 'trust.v1', {
    x: 0.52,
    round: 1,
    at: T0 + 61_000,
    reason: '=HYPERLINK("x"), said the proxy',
  });
  // Other cards stay in round 1.
  place(doc, 'ana', 'trust.v2', {
    x: 0.1,
    round: 1,
    at: T0 + 62_000,
    reason: 'Line one\nline two',
  });
  place(doc, 'cy', 'trust.v2', { x: 0.9, round: 1, at: T0 + 63_000 });
  place(doc, 'dee', 'values.p1', { x: 0.75, round: 1, at: T0 + 64_000, reason: '-1 for this' });
  closeRound(doc, ['trust.v1'], T0 + 120_000);

  // Round 2 of trust.v1: Ana and Dee move; the others' place: maps still hold round 1.
  place(doc, 'ana', 'trust.v1', { x: 0.7, round: 2, at: T0 + 180_000, reason: 'we moved' });
  place(doc, 'dee', 'trust.v1', { x: 0.65, round: 2, at: T0 + 181_000 });
  place(doc, 'fay', 'trust.v1', { x: 0.2, round: 2, at: T0 + 182_000 });

  // Cy is removed after round 1 closed: listed, but out of every figure.
  putParticipant(
    doc,
    PEOPLE.cy.id,
    {
      name: PEOPLE.cy.name,
      role: 'participant',
      color: '#0072B2',
      joinedAt: T0 + 3000,
      removed: true,
    },
    'server',
  );
  setFinal(doc, 'trust.v1', { x: 0.66, note: '@all: agreed, with "care"' }, 'local');
  setFinal(doc, 'values.p1', { x: 0.8, note: '' }, 'local');
  setPhase(doc, 'discussing', 'local');
  return doc;
}

/**
 * A snapshot with what may differ between two exports of the same data replaced: the board id,
 * the export time and the participant ids (by their place in join order).
 */
export function normaliseSnapshot(snapshot: unknown): unknown {
  const { participants = [] } = snapshot as { participants?: { id: string }[] };
  let text = JSON.stringify({ ...(snapshot as object), board: null, exportedAt: null });
  participants.forEach((participant, index) => {
    text = text.replaceAll(`"${participant.id}"`, `"#${index}"`);
  });
  const { board } = snapshot as { board: object };
  return { ...JSON.parse(text), board: { ...board, id: null } };
}

/** Marks a value to remove in `editedCopy`. */
export const REMOVE = Symbol('remove');

/** A deep copy of JSON data with one value changed (or removed) at a path. */
export function editedCopy(
  data: unknown,
  path: readonly (string | number)[],
  value: unknown,
): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(data));
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) ?? '';
  if (Array.isArray(node) && value === REMOVE) node.splice(Number(last), 1);
  else if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}
