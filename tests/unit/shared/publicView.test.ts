/** What the board's view carries of each card and person, phase by phase (shared/publicView.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initBoardDoc,
  type Participant,
  type Phase,
  putParticipant,
  setControl,
  setPlacement,
  startRound,
} from '../../../shared/boardDoc.ts';
import {
  cardFigures,
  viewParticipants,
  viewProgress,
  viewRound,
  viewRoundProgress,
  viewSource,
} from '../../../shared/publicView.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';
import { keepClients } from '../../../shared/updateFilter.ts';

const CARD = 'trust.v1';

function person(name: string, organisation?: string): Participant {
  return {
    name,
    role: 'participant',
    color: '#123456',
    joinedAt: 1,
    ...(organisation ? { organisation } : {}),
  };
}

/** A board where `positions[i]` is placed on CARD by person p<i>, with reason r<i>. */
function boardWith(positions: number[], phase: Phase, showNames = false): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(
    doc,
    { title: 'T', createdAt: 1, organisations: ['A', 'B'], rubric: ELEMENTS_OF_PARTNERSHIP },
    'server',
  );
  positions.forEach((x, i) => {
    putParticipant(doc, `p${i}`, person(`P${i}`, i % 2 === 0 ? 'A' : 'B'), 'server');
    setPlacement(doc, `p${i}`, CARD, { x, round: 1, at: 5, reason: `r${i}` }, 'local');
  });
  setControl(doc, 'phase', phase, 'local');
  setControl(doc, 'showNames', showNames, 'local');
  return doc;
}

describe('a card in the view', () => {
  it.each(['setup', 'placing'] as const)('says only how many placed it while %s', (phase) => {
    const figures = cardFigures(viewSource(boardWith([0.9, 0.1, 0.5, 0.3], phase)), CARD);
    expect(figures).toEqual({ round: 1, placed: 4 });
  });

  it.each(['revealed', 'discussing'] as const)(
    'shows sorted anonymous dots and reasons once %s',
    (phase) => {
      const figures = cardFigures(viewSource(boardWith([0.9, 0.1, 0.5], phase)), CARD);
      expect(figures.dots).toEqual([{ x: 0.1 }, { x: 0.5 }, { x: 0.9 }]);
      expect(figures.reasons).toEqual(['r0', 'r1', 'r2']);
      expect(JSON.stringify(figures)).not.toMatch(/p[0-2]/);
    },
  );

  it('keeps the dots but not the reasons once final', () => {
    const figures = cardFigures(viewSource(boardWith([0.9, 0.1, 0.5], 'final')), CARD);
    expect(figures.dots).toHaveLength(3);
    expect(figures.reasons).toBeUndefined();
  });

  it('shows nothing of a group of two, even revealed', () => {
    expect(cardFigures(viewSource(boardWith([0.9, 0.1], 'revealed')), CARD)).toEqual({
      round: 1,
      placed: 2,
    });
  });

  it('names who placed each dot only while names are shown', () => {
    const figures = cardFigures(viewSource(boardWith([0.9, 0.1, 0.5], 'revealed', true)), CARD);
    expect(figures.dots).toEqual([
      { x: 0.1, participantId: 'p1' },
      { x: 0.5, participantId: 'p2' },
      { x: 0.9, participantId: 'p0' },
    ]);
  });

  it("gives each organisation's median from three", () => {
    const figures = cardFigures(
      viewSource(boardWith([0.2, 0.9, 0.4, 0.8, 0.6, 0.7], 'revealed')),
      CARD,
    );
    expect(figures.organisations).toEqual([
      { organisation: 'A', n: 3, median: 0.4 },
      { organisation: 'B', n: 3, median: 0.8 },
    ]);
  });
});

describe('progress and closed rounds in the view', () => {
  it('counts the cards each counted person placed in the current round', () => {
    const doc = boardWith([0.9, 0.1], 'placing');
    setPlacement(doc, 'p0', 'trust.v2', { x: 0.3, round: 1, at: 5 }, 'local');
    setPlacement(doc, 'p1', 'trust.v2', { x: 0.3, round: 7, at: 5 }, 'local');
    expect(viewProgress(viewSource(doc))).toEqual({ p0: 2, p1: 1 });
    expect(viewProgress(viewSource(doc), ['p1'])).toEqual({ p1: 1 });
  });

  it("counts toward finishing only the open round's cards, placed in this round", () => {
    const doc = boardWith([0.9, 0.1], 'placing');
    setPlacement(doc, 'p0', 'values.v1', { x: 0.3, round: 1, at: 5 }, 'local');
    // A round on trust alone: p1's earlier trust placement is from the closed round.
    startRound(
      doc,
      { cardIds: ['trust.v1', 'trust.v2'], closedAt: 9, positions: {}, summaries: {} },
      false,
      'local',
    );
    setPlacement(doc, 'p0', CARD, { x: 0.4, round: 2, at: 10 }, 'local');
    setPlacement(doc, 'p0', 'trust.v2', { x: 0.4, round: 2, at: 10 }, 'local');
    expect(viewRoundProgress(viewSource(doc))).toEqual({ p0: 2 });
    // progress still counts the other element's card, placed in its own current round.
    expect(viewProgress(viewSource(doc))).toEqual({ p0: 3 });
  });

  const record = {
    round: 1,
    cardIds: [CARD, 'trust.v2'],
    closedAt: 9,
    positions: { p0: { [CARD]: 0.1 } },
    summaries: { [CARD]: { n: 3, median: 0.4 }, 'trust.v2': { n: 2, median: 0.5 } },
  };

  it('keeps the figures of a closed round that was shown, without positions, none below three', () => {
    expect(viewRound(record, () => true)).toEqual({
      ...record,
      positions: {},
      summaries: { [CARD]: { n: 3, median: 0.4 }, 'trust.v2': { n: 2 } },
    });
  });

  it('keeps only the counts of a round closed before its group was shown', () => {
    expect(viewRound(record, () => false).summaries).toEqual({
      [CARD]: { n: 3 },
      'trust.v2': { n: 2 },
    });
  });

  it("compares with the previous round only when the view showed that round's group", () => {
    const doc = boardWith([0.9, 0.1, 0.5], 'revealed');
    const rounds = [{ ...record, cardIds: [CARD] }];
    doc.getArray('rounds').push(rounds);
    const source = viewSource(doc);
    expect(cardFigures(source, CARD, () => false).change).toBeUndefined();
  });
});

describe('who the view counts', () => {
  const ana = person('Ana');
  const gone = { ...ana, removed: true };

  it('holds back a removal while the group is shown, and applies it once hidden', () => {
    const board = new Map([['a', gone]]);
    const inView = new Map([['a', ana]]);
    expect(viewParticipants(board, inView, 'revealed')).toEqual({ a: ana });
    expect(viewParticipants(board, inView, 'discussing')).toEqual({ a: ana });
    expect(viewParticipants(board, inView, 'placing')).toEqual({ a: gone });
    // Someone removed before the reveal stays removed.
    expect(viewParticipants(board, new Map([['a', gone]]), 'revealed')).toEqual({ a: gone });
  });

  it("hides an organisation's median when fewer than three stand beside it", () => {
    const doc = boardWith([0.2, 0.9, 0.4, 0.8, 0.6], 'revealed');
    putParticipant(doc, 'p1', person('P1', 'A'), 'server');
    const figures = cardFigures(viewSource(doc), CARD);
    // A has four, B one: B's median is hidden anyway, and A's would narrow down B's person.
    expect(figures.organisations).toEqual([
      { organisation: 'A', n: 4, median: null },
      { organisation: 'B', n: 1, median: null },
    ]);
  });
});

describe('keeping the parts of an update written under some client ids', () => {
  it('keeps their structs and delete ranges, which apply cleanly on their own', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    setPlacement(mine, 'me', CARD, { x: 0.1, round: 1, at: 1 }, 'local');
    setPlacement(mine, 'me', CARD, { x: 0.2, round: 1, at: 2 }, 'local');
    setPlacement(theirs, 'you', CARD, { x: 0.9, round: 1, at: 1 }, 'local');
    setPlacement(theirs, 'you', CARD, { x: 0.8, round: 1, at: 1 }, 'local');
    const both = Y.mergeUpdates([Y.encodeStateAsUpdate(mine), Y.encodeStateAsUpdate(theirs)]);

    const kept = keepClients(both, (client) => client === mine.clientID);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, kept);
    expect(copy.getMap('place:me').toJSON()).toEqual({ [CARD]: { x: 0.2, round: 1, at: 2 } });
    expect(copy.share.has('place:you')).toBe(false);
    const { ds } = Y.decodeUpdate(kept);
    expect([...ds.clients.keys()]).toEqual([mine.clientID]);
    expect(copy.store.pendingStructs).toBeNull();
    expect(copy.store.pendingDs).toBeNull();
    // Nothing of the other writer: not their id, not their values.
    expect(Y.parseUpdateMeta(kept).to.has(theirs.clientID)).toBe(false);
  });

  it('keeps everything, byte for byte in meaning, when every client is kept', () => {
    const doc = new Y.Doc();
    setPlacement(doc, 'me', CARD, { x: 0.1, round: 1, at: 1 }, 'local');
    doc.getMap('place:me').delete(CARD);
    const copy = new Y.Doc();
    Y.applyUpdate(
      copy,
      keepClients(Y.encodeStateAsUpdate(doc), () => true),
    );
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(doc));
  });
});
