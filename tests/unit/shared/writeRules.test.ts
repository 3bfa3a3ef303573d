import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  clearPlacement,
  controlMap,
  finalMap,
  initBoardDoc,
  metaMap,
  type Participant,
  PHASES,
  type Phase,
  type Placement,
  participantIdOfRoot,
  participantsMap,
  placeMap,
  placementOwners,
  placeRootName,
  putParticipant,
  ROOT_CONTROL,
  ROOT_FINAL,
  ROOT_META,
  ROOT_PARTICIPANTS,
  ROOT_ROUNDS,
  roundsArray,
  setControl,
  setPlacement,
} from '../../../shared/boardDoc.ts';
import { ELEMENTS_OF_PARTNERSHIP } from '../../../shared/rubric.ts';
import type { WriteTarget } from '../../../shared/updateResolver.ts';
import {
  checkUpdate,
  mayWrite,
  resolveTargets,
  WRITE_REJECTIONS,
  type Writer,
} from '../../../shared/writeRules.ts';

// ---------------------------------------------------------------------------------------------
// A board the way the app builds it: a "server" doc, clients synced from it.

const CARDS = ELEMENTS_OF_PARTNERSHIP.elements.flatMap((element) => element.cards.map((c) => c.id));
function card(index: number): string {
  const id = CARDS[index % CARDS.length];
  if (id === undefined) throw new Error('the rubric has no cards');
  return id;
}
const CARD_A = card(0);
const CARD_B = card(1);
const CARD_NEW = card(7);

const FAC = 'fac00001';
const ALICE = 'alice001';
const BOB = 'bob00001';
const PROXY = 'proxy001';
const GHOST = 'ghost001'; // a proxy the facilitator removed
const GONE = 'gone0001'; // a removed participant
const OBS = 'obs00001';

const facilitator: Writer = { participantId: FAC, role: 'facilitator' };
const alice: Writer = { participantId: ALICE, role: 'participant' };
const bob: Writer = { participantId: BOB, role: 'participant' };
const gone: Writer = { participantId: GONE, role: 'participant' };
const observer: Writer = { participantId: OBS, role: 'observer' };

function person(name: string, role: Participant['role'], extra: Partial<Participant> = {}) {
  return { name, role, color: '#336699', joinedAt: 1_700_000_000_000, ...extra };
}

function placement(x: number, round = 1): Placement {
  return { x, round, at: 1_700_000_000_000 };
}

/** The room's document with some history, so later writes are overwrites and neighbours. */
function makeServer(phase: Phase = 'placing'): Y.Doc {
  const doc = new Y.Doc();
  initBoardDoc(
    doc,
    {
      title: 'Retreat',
      createdAt: 1_700_000_000_000,
      organisations: ['Client', 'Contractor'],
      rubric: ELEMENTS_OF_PARTNERSHIP,
    },
    'server',
  );
  putParticipant(doc, FAC, person('Fay', 'facilitator'), 'server');
  putParticipant(doc, ALICE, person('Alice', 'participant'), 'server');
  putParticipant(doc, BOB, person('Bob', 'participant'), 'server');
  putParticipant(doc, PROXY, person('Pat', 'participant', { proxy: true }), 'server');
  putParticipant(
    doc,
    GHOST,
    person('Gil', 'participant', { proxy: true, removed: true }),
    'server',
  );
  putParticipant(doc, GONE, person('Gus', 'participant', { removed: true }), 'server');
  putParticipant(doc, OBS, person('Olga', 'observer'), 'server');
  for (const id of [ALICE, BOB, PROXY, GHOST, GONE]) {
    setPlacement(doc, id, CARD_A, placement(0.25), 'server');
  }
  doc.transact(() => {
    finalMap(doc).set(CARD_A, { x: 0.5, note: '' });
    roundsArray(doc).push([
      { round: 1, closedAt: 1 },
      { round: 2, closedAt: 2 },
    ]);
  }, 'server');
  setControl(doc, 'phase', phase, 'server');
  return doc;
}

function connect(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

/** What the client would send the server: everything the server does not have yet. */
function unsent(client: Y.Doc, server: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

/** The update(s) a change emits on the client, as the provider would send them. */
function capture(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array): void => {
    updates.push(update);
  };
  client.on('update', listen);
  change(client);
  client.off('update', listen);
  return Y.mergeUpdates(updates);
}

function write(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  return capture(connect(server), change);
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function rejected(reason: string) {
  return { ok: false, reason };
}

function boardJson(doc: Y.Doc) {
  return {
    meta: metaMap(doc).toJSON(),
    participants: participantsMap(doc).toJSON(),
    control: controlMap(doc).toJSON(),
    final: finalMap(doc).toJSON(),
    rounds: roundsArray(doc).toJSON(),
    places: Object.fromEntries(
      placementOwners(doc)
        .sort()
        .map((id) => [id, placeMap(doc, id).toJSON()]),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Crafted updates, for what no honest client sends.

type CraftStruct =
  | { gc: number }
  | { skip: number }
  | {
      origin?: Y.ID;
      rightOrigin?: Y.ID;
      parent?: string | Y.ID;
      parentSub?: string;
      content: Y.ContentAny | Y.ContentType;
    };

interface CraftGroup {
  client: number;
  clock: number;
  structs: CraftStruct[];
}

interface CraftDelete {
  client: number;
  clock: number;
  len: number;
}

/** Encodes a v1 update struct by struct, mirroring Yjs's own `Item.write`. */
function craft(groups: CraftGroup[], deletes: CraftDelete[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, groups.length);
  for (const group of groups) {
    encoding.writeVarUint(encoder.restEncoder, group.structs.length);
    encoder.writeClient(group.client);
    encoding.writeVarUint(encoder.restEncoder, group.clock);
    for (const struct of group.structs) {
      if ('gc' in struct) {
        encoder.writeInfo(0);
        encoder.writeLen(struct.gc);
      } else if ('skip' in struct) {
        encoder.writeInfo(10);
        encoding.writeVarUint(encoder.restEncoder, struct.skip);
      } else {
        const { origin, rightOrigin, parent, parentSub, content } = struct;
        const copiesParent = origin !== undefined || rightOrigin !== undefined;
        const info =
          (content.getRef() & 31) |
          (origin === undefined ? 0 : 128) |
          (rightOrigin === undefined ? 0 : 64) |
          (parentSub === undefined || copiesParent ? 0 : 32);
        encoder.writeInfo(info);
        if (origin !== undefined) encoder.writeLeftID(origin);
        if (rightOrigin !== undefined) encoder.writeRightID(rightOrigin);
        if (!copiesParent) {
          if (typeof parent === 'string') {
            encoder.writeParentInfo(true);
            encoder.writeString(parent);
          } else if (parent !== undefined) {
            encoder.writeParentInfo(false);
            encoder.writeLeftID(parent);
          }
          if (parentSub !== undefined) encoder.writeString(parentSub);
        }
        content.write(encoder, 0);
      }
    }
  }
  const byClient = new Map<number, CraftDelete[]>();
  for (const range of deletes)
    byClient.set(range.client, [...(byClient.get(range.client) ?? []), range]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.len);
    }
  }
  return encoder.toUint8Array();
}

const any = (value: unknown) => new Y.ContentAny([value]);

/** The id of the item currently holding `key` in a map (the origin a client would use). */
function itemIdOf(map: Y.Map<unknown>, key: string): Y.ID {
  const item = map._map.get(key);
  if (item === undefined) throw new Error(`no item under ${key}`);
  return item.id;
}

// ---------------------------------------------------------------------------------------------
// The rule table, for every writer × phase × kind of write.

type Touches =
  | 'own'
  | 'other'
  | 'proxy'
  | 'ghost'
  | 'control'
  | 'controlPhase'
  | 'controlTimer'
  | 'final'
  | 'rounds'
  | 'meta'
  | 'participants'
  | 'unknown';

interface Op {
  name: string;
  touches: Touches;
  root: (writer: Writer) => string;
  apply: (doc: Y.Doc, writer: Writer) => void;
}

const OPS: Op[] = [
  {
    name: 'places a card of its own (first item under the key)',
    touches: 'own',
    root: (w) => placeRootName(w.participantId),
    apply: (doc, w) => placeMap(doc, w.participantId).set(CARD_NEW, placement(0.4)),
  },
  {
    name: 'moves a card of its own (map overwrite)',
    touches: 'own',
    root: (w) => placeRootName(w.participantId),
    apply: (doc, w) => setPlacement(doc, w.participantId, CARD_A, placement(0.9), 'local'),
  },
  {
    name: "moves another participant's card",
    touches: 'other',
    root: () => placeRootName(BOB),
    apply: (doc) => setPlacement(doc, BOB, CARD_A, placement(0.9), 'local'),
  },
  {
    name: 'places a new card for another participant',
    touches: 'other',
    root: () => placeRootName(BOB),
    apply: (doc) => setPlacement(doc, BOB, CARD_NEW, placement(0.9), 'local'),
  },
  {
    name: "moves a proxy's card",
    touches: 'proxy',
    root: () => placeRootName(PROXY),
    apply: (doc) => setPlacement(doc, PROXY, CARD_A, placement(0.1), 'local'),
  },
  {
    name: 'places a new card for a proxy',
    touches: 'proxy',
    root: () => placeRootName(PROXY),
    apply: (doc) => setPlacement(doc, PROXY, CARD_NEW, placement(0.1), 'local'),
  },
  {
    name: "sends a proxy's card back to the tray (delete)",
    touches: 'proxy',
    root: () => placeRootName(PROXY),
    apply: (doc) => clearPlacement(doc, PROXY, CARD_A, 'local'),
  },
  {
    name: "moves a removed proxy's card",
    touches: 'ghost',
    root: () => placeRootName(GHOST),
    apply: (doc) => setPlacement(doc, GHOST, CARD_A, placement(0.1), 'local'),
  },
  {
    name: 'changes control.showNames',
    touches: 'control',
    root: () => ROOT_CONTROL,
    apply: (doc) => setControl(doc, 'showNames', true, 'local'),
  },
  {
    name: 'changes control.focusCardId',
    touches: 'control',
    root: () => ROOT_CONTROL,
    apply: (doc) => setControl(doc, 'focusCardId', CARD_B, 'local'),
  },
  {
    name: 'sets control.timer',
    touches: 'controlTimer',
    root: () => ROOT_CONTROL,
    apply: (doc) =>
      setControl(
        doc,
        'timer',
        { endsAt: 1_700_000_060_000, durationMs: 60_000, pausedRemainingMs: null },
        'local',
      ),
  },
  {
    name: 'changes control.phase',
    touches: 'controlPhase',
    root: () => ROOT_CONTROL,
    apply: (doc) => setControl(doc, 'phase', 'discussing', 'local'),
  },
  {
    name: 'sets a new final position (first item)',
    touches: 'final',
    root: () => ROOT_FINAL,
    apply: (doc) => finalMap(doc).set(CARD_NEW, { x: 0.7, note: 'agreed' }),
  },
  {
    name: 'moves a final position (map overwrite)',
    touches: 'final',
    root: () => ROOT_FINAL,
    apply: (doc) => finalMap(doc).set(CARD_A, { x: 0.7, note: 'agreed' }),
  },
  {
    name: 'removes a final position (delete)',
    touches: 'final',
    root: () => ROOT_FINAL,
    apply: (doc) => finalMap(doc).delete(CARD_A),
  },
  {
    name: 'appends a round after the existing ones',
    touches: 'rounds',
    root: () => ROOT_ROUNDS,
    apply: (doc) => roundsArray(doc).push([{ round: 3, closedAt: 3 }]),
  },
  {
    name: 'inserts a round before the existing ones',
    touches: 'rounds',
    root: () => ROOT_ROUNDS,
    apply: (doc) => roundsArray(doc).insert(0, [{ round: 0, closedAt: 0 }]),
  },
  {
    name: 'deletes a round',
    touches: 'rounds',
    root: () => ROOT_ROUNDS,
    apply: (doc) => roundsArray(doc).delete(1, 1),
  },
  {
    name: 'renames the board (meta overwrite)',
    touches: 'meta',
    root: () => ROOT_META,
    apply: (doc) => metaMap(doc).set('title', 'Mine now'),
  },
  {
    name: 'adds a key to meta',
    touches: 'meta',
    root: () => ROOT_META,
    apply: (doc) => metaMap(doc).set('extra', 1),
  },
  {
    name: 'promotes itself (participants overwrite)',
    touches: 'participants',
    root: () => ROOT_PARTICIPANTS,
    apply: (doc, w) => participantsMap(doc).set(w.participantId, person('Boss', 'facilitator')),
  },
  {
    name: 'adds a participant',
    touches: 'participants',
    root: () => ROOT_PARTICIPANTS,
    apply: (doc) => participantsMap(doc).set('new00001', person('New', 'participant')),
  },
  {
    name: 'writes an unknown map root',
    touches: 'unknown',
    root: () => 'notes',
    apply: (doc) => doc.getMap('notes').set('hello', 'world'),
  },
  {
    name: 'writes an unknown array root',
    touches: 'unknown',
    root: () => 'log',
    apply: (doc) => doc.getArray('log').push(['entry']),
  },
  {
    name: 'writes a place: root without a participant id',
    touches: 'unknown',
    root: () => placeRootName(''),
    apply: (doc) => doc.getMap(placeRootName('')).set(CARD_A, placement(0.5)),
  },
];

const WRITERS: Array<[string, Writer]> = [
  ['facilitator', facilitator],
  ['participant', alice],
  ['removed participant', gone],
  ['observer', observer],
];

/** The table of docs/design.md, written out independently of the module under test. */
function expectedReason(writer: Writer, phase: Phase, touches: Touches): string | null {
  const R = WRITE_REJECTIONS;
  if (writer.role === 'observer') return R.observer;
  if (writer === gone) return R.removed;
  const fac = writer.role === 'facilitator';
  const placing = phase === 'placing';
  switch (touches) {
    case 'meta':
    case 'participants':
      return R.serverOnly;
    case 'unknown':
      return R.unknownRoot;
    case 'control':
      if (!fac) return R.notFacilitator;
      return phase === 'final' ? R.locked : null;
    case 'controlPhase':
    case 'controlTimer':
      return fac ? null : R.notFacilitator;
    case 'final':
    case 'rounds':
      if (!fac) return R.notFacilitator;
      return phase === 'final' ? R.locked : null;
    case 'own':
      if (fac) return R.notProxy; // the facilitator has no cards of their own
      return placing ? null : R.placingClosed;
    case 'other':
      return fac ? R.notProxy : R.otherCard;
    case 'proxy':
      if (!fac) return R.otherCard;
      return placing ? null : R.placingClosed;
    case 'ghost':
      return fac ? R.notProxy : R.otherCard;
  }
}

describe('the rule table: writer × phase × write', () => {
  for (const [writerName, writer] of WRITERS) {
    for (const phase of PHASES) {
      describe(`${writerName} in ${phase}`, () => {
        it.each(OPS)('$name', (op) => {
          const server = makeServer(phase);
          const client = connect(server);
          const update = capture(client, (doc) => op.apply(doc, writer));

          const targets = resolveTargets(server, update);
          expect(Array.isArray(targets)).toBe(true);
          if (Array.isArray(targets)) {
            expect(targets.length).toBeGreaterThan(0);
            expect(targets.every((target) => target.root === op.root(writer))).toBe(true);
          }

          const reason = expectedReason(writer, phase, op.touches);
          const verdict = checkUpdate(server, update, writer);
          expect(verdict).toEqual(reason === null ? { ok: true } : rejected(reason));
          if (verdict.ok) {
            // An accepted update applies completely: nothing is left pending.
            Y.applyUpdate(server, update);
            expect(server.store.pendingStructs).toBeNull();
            expect(server.store.pendingDs).toBeNull();
            expect(boardJson(server)).toEqual(boardJson(client));
          }
        });
      });
    }
  }
});

describe('mayWrite', () => {
  const doc = makeServer();
  const target = (root: string, key: string | null, kind: WriteTarget['kind'] = 'insert') => ({
    root,
    key,
    kind,
  });

  it('lets the facilitator reopen a locked session, set its timer or its languages, and nothing else', () => {
    expect(mayWrite(facilitator, 'final', target(ROOT_CONTROL, 'roomLanguages'), doc)).toEqual({
      ok: true,
    });
    expect(mayWrite(alice, 'final', target(ROOT_CONTROL, 'roomLanguages'), doc)).toEqual(
      rejected(WRITE_REJECTIONS.notFacilitator),
    );
    expect(mayWrite(facilitator, 'final', target(ROOT_CONTROL, 'phase'), doc)).toEqual({
      ok: true,
    });
    expect(mayWrite(facilitator, 'final', target(ROOT_CONTROL, 'phase', 'delete'), doc)).toEqual({
      ok: true,
    });
    expect(mayWrite(facilitator, 'final', target(ROOT_CONTROL, 'timer'), doc)).toEqual({
      ok: true,
    });
    expect(mayWrite(alice, 'final', target(ROOT_CONTROL, 'timer'), doc)).toEqual(
      rejected(WRITE_REJECTIONS.notFacilitator),
    );
    expect(mayWrite(facilitator, 'final', target(ROOT_CONTROL, 'round'), doc)).toEqual(
      rejected(WRITE_REJECTIONS.locked),
    );
    expect(mayWrite(facilitator, 'final', target(ROOT_FINAL, CARD_A), doc)).toEqual(
      rejected(WRITE_REJECTIONS.locked),
    );
  });

  it('treats deletes like inserts', () => {
    const own = target(placeRootName(ALICE), CARD_A, 'delete');
    expect(mayWrite(alice, 'placing', own, doc)).toEqual({ ok: true });
    expect(mayWrite(alice, 'revealed', own, doc)).toEqual(rejected(WRITE_REJECTIONS.placingClosed));
    expect(mayWrite(bob, 'placing', own, doc)).toEqual(rejected(WRITE_REJECTIONS.otherCard));
  });

  it('reads proxy and removed flags from the document', () => {
    const proxy = target(placeRootName(PROXY), CARD_A);
    expect(mayWrite(facilitator, 'placing', proxy, doc)).toEqual({ ok: true });
    const other = makeServer();
    putParticipant(other, PROXY, person('Pat', 'participant'), 'server'); // no longer a proxy
    expect(mayWrite(facilitator, 'placing', proxy, other)).toEqual(
      rejected(WRITE_REJECTIONS.notProxy),
    );
    putParticipant(other, FAC, person('Fay', 'facilitator', { removed: true }), 'server');
    expect(mayWrite(facilitator, 'placing', target(ROOT_CONTROL, 'round'), other)).toEqual(
      rejected(WRITE_REJECTIONS.removed),
    );
  });

  it('refuses a place: root of a participant who does not exist', () => {
    const nobody = target(placeRootName('nobody01'), CARD_A);
    expect(mayWrite(facilitator, 'placing', nobody, doc)).toEqual(
      rejected(WRITE_REJECTIONS.notProxy),
    );
    expect(mayWrite(alice, 'placing', nobody, doc)).toEqual(rejected(WRITE_REJECTIONS.otherCard));
  });
});

// ---------------------------------------------------------------------------------------------
// Resolution of what an update touches.

describe('resolveTargets', () => {
  it('reads the root name of the first item under a key', () => {
    const server = makeServer();
    const update = write(server, (doc) => placeMap(doc, ALICE).set(CARD_NEW, placement(0.3)));
    const [struct] = Y.decodeUpdate(update).structs;
    const parent: unknown = struct instanceof Y.Item ? struct.parent : undefined;
    expect(parent).toBe(placeRootName(ALICE));
    expect(resolveTargets(server, update)).toEqual([
      { root: placeRootName(ALICE), key: CARD_NEW, kind: 'insert' },
    ]);
  });

  it('resolves a map overwrite (null parent) through its origin in the document', () => {
    const server = makeServer();
    const update = write(server, (doc) =>
      setPlacement(doc, ALICE, CARD_A, placement(0.8), 'local'),
    );
    const [struct] = Y.decodeUpdate(update).structs;
    expect(struct).toBeInstanceOf(Y.Item);
    if (!(struct instanceof Y.Item)) return;
    expect(struct.parent).toBeNull();
    expect(struct.parentSub).toBeNull();
    expect(struct.origin).toEqual(itemIdOf(placeMap(server, ALICE), CARD_A));
    expect(resolveTargets(server, update)).toEqual([
      { root: placeRootName(ALICE), key: CARD_A, kind: 'insert' },
      { root: placeRootName(ALICE), key: CARD_A, kind: 'delete' },
    ]);
  });

  it('resolves array insertions next to existing items (origin and rightOrigin)', () => {
    const server = makeServer();
    const appended = write(server, (doc) => roundsArray(doc).push([{ round: 3 }]));
    const prepended = write(server, (doc) => roundsArray(doc).insert(0, [{ round: 0 }]));
    const [after] = Y.decodeUpdate(appended).structs;
    const [before] = Y.decodeUpdate(prepended).structs;
    expect(after instanceof Y.Item && after.parent === null && after.origin !== null).toBe(true);
    expect(
      before instanceof Y.Item &&
        before.parent === null &&
        before.origin === null &&
        before.rightOrigin !== null,
    ).toBe(true);
    for (const update of [appended, prepended]) {
      expect(resolveTargets(server, update)).toEqual([
        { root: ROOT_ROUNDS, key: null, kind: 'insert' },
      ]);
    }
  });

  it('resolves a chain of overwrites made offline through the update itself', () => {
    const server = makeServer();
    const client = connect(server);
    for (const x of [0.1, 0.2, 0.3]) setPlacement(client, ALICE, CARD_A, placement(x), 'local');
    for (const x of [0.4, 0.5]) setPlacement(client, ALICE, CARD_NEW, placement(x), 'local');
    const update = unsent(client, server);
    const targets = resolveTargets(server, update);
    expect(Array.isArray(targets)).toBe(true);
    if (!Array.isArray(targets)) return;
    expect(new Set(targets.map((t) => `${t.root}|${t.key}|${t.kind}`))).toEqual(
      new Set([
        `${placeRootName(ALICE)}|${CARD_A}|insert`,
        `${placeRootName(ALICE)}|${CARD_NEW}|insert`,
        `${placeRootName(ALICE)}|${CARD_A}|delete`,
      ]),
    );
    expect(checkUpdate(server, update, alice)).toEqual({ ok: true });
  });

  it('resolves thousands of chained items without deep recursion', () => {
    const server = makeServer();
    const client = connect(server);
    // One item per transaction: each overwrite refers to the previous one in the same update.
    for (let i = 0; i < 5_000; i++)
      setPlacement(client, ALICE, CARD_A, placement(i / 5_000), 'local');
    const update = unsent(client, server);
    expect(checkUpdate(server, update, alice)).toEqual({ ok: true });
    expect(checkUpdate(server, update, bob)).toEqual(rejected(WRITE_REJECTIONS.otherCard));
  });

  it('resolves writes into a nested type (parent is an ID) to the key holding it', () => {
    const server = makeServer();
    server.transact(() => finalMap(server).set('notes', new Y.Map<unknown>()), 'server');
    const update = write(server, (doc) => {
      const notes = finalMap(doc).get('notes');
      if (notes instanceof Y.Map) notes.set('summary', 'we agree');
    });
    const [struct] = Y.decodeUpdate(update).structs;
    const parent: unknown = struct instanceof Y.Item ? struct.parent : undefined;
    expect(parent).toBeInstanceOf(Y.ID);
    expect(resolveTargets(server, update)).toEqual([
      { root: ROOT_FINAL, key: 'notes', kind: 'insert' },
    ]);
  });

  it('resolves a nested type created in the same update', () => {
    const server = makeServer();
    const update = write(server, (doc) => {
      const notes = new Y.Map<unknown>();
      finalMap(doc).set('notes', notes);
      notes.set('summary', 'we agree');
    });
    expect(resolveTargets(server, update)).toEqual([
      { root: ROOT_FINAL, key: 'notes', kind: 'insert' },
      { root: ROOT_FINAL, key: 'notes', kind: 'insert' },
    ]);
  });

  it('reports updates it cannot read', () => {
    const server = makeServer();
    expect(resolveTargets(server, new Uint8Array([1, 2, 3, 250]))).toEqual({
      error: WRITE_REJECTIONS.unreadable,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Deletes.

describe('deletes', () => {
  it('lets a participant take back their own card while placing', () => {
    const server = makeServer('placing');
    const update = write(server, (doc) => clearPlacement(doc, ALICE, CARD_A, 'local'));
    expect(Y.decodeUpdate(update).structs).toHaveLength(0);
    expect(resolveTargets(server, update)).toEqual([
      { root: placeRootName(ALICE), key: CARD_A, kind: 'delete' },
    ]);
    expect(checkUpdate(server, update, alice)).toEqual({ ok: true });
    Y.applyUpdate(server, update);
    expect(placeMap(server, ALICE).has(CARD_A)).toBe(false);
  });

  it('refuses it once placing is closed', () => {
    const server = makeServer('revealed');
    const update = write(server, (doc) => clearPlacement(doc, ALICE, CARD_A, 'local'));
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.placingClosed));
  });

  it("refuses deleting someone else's card", () => {
    const server = makeServer('placing');
    const update = write(server, (doc) => clearPlacement(doc, BOB, CARD_A, 'local'));
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.otherCard));
  });

  it('accepts old deletes repeated by a reconnecting client, in any phase and from anyone', () => {
    const server = makeServer('placing');
    const aliceClient = connect(server);
    clearPlacement(aliceClient, ALICE, CARD_A, 'local');
    sync(aliceClient, server);
    server.transact(() => roundsArray(server).delete(0, 1), 'server');
    setControl(server, 'phase', 'final', 'server');
    const observerClient = connect(server);
    sync(server, aliceClient);

    // A sync step 2 carries the client's whole delete set, even when it has no new structs.
    const aliceSync = unsent(aliceClient, server);
    expect(Y.decodeUpdate(aliceSync).ds.clients.size).toBeGreaterThan(0);
    expect(resolveTargets(server, aliceSync)).toEqual([]);
    expect(checkUpdate(server, aliceSync, alice)).toEqual({ ok: true });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(observerClient), observer)).toEqual({
      ok: true,
    });
    expect(checkUpdate(server, Y.encodeStateAsUpdate(aliceClient), gone)).toEqual({ ok: true });
  });

  it('accepts a card placed and taken back offline, while placing only', () => {
    for (const [phase, expected] of [
      ['placing', { ok: true }],
      ['revealed', rejected(WRITE_REJECTIONS.placingClosed)],
    ] as const) {
      const server = makeServer(phase);
      const client = connect(server);
      setPlacement(client, ALICE, CARD_NEW, placement(0.5), 'local');
      clearPlacement(client, ALICE, CARD_NEW, 'local');
      const update = unsent(client, server);
      const [struct] = Y.decodeUpdate(update).structs;
      expect(struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted).toBe(true);
      expect(checkUpdate(server, update, alice)).toEqual(expected);
    }
  });

  it('refuses deletes of ids the room does not have, which Yjs would apply later', () => {
    const server = makeServer();
    const facilitatorClient = connect(server);
    const preDelete = craft([], [{ client: facilitatorClient.clientID, clock: 0, len: 10 }]);
    expect(checkUpdate(server, preDelete, alice)).toEqual(rejected(WRITE_REJECTIONS.missing));

    // Why: applied anyway, the delete waits and then removes the facilitator's next write.
    const victim = connect(server);
    Y.applyUpdate(victim, preDelete);
    expect(victim.store.pendingDs).not.toBeNull();
    setControl(facilitatorClient, 'showNames', true, 'local');
    sync(facilitatorClient, victim);
    expect(controlMap(victim).has('showNames')).toBe(false);
  });

  it('refuses deleting the meta or participants entries', () => {
    const server = makeServer();
    const update = write(server, (doc) => participantsMap(doc).delete(BOB));
    expect(checkUpdate(server, update, facilitator)).toEqual(rejected(WRITE_REJECTIONS.serverOnly));
  });
});

// ---------------------------------------------------------------------------------------------
// Values written to place: roots.

describe('placement values', () => {
  const invalid: Array<[string, unknown]> = [
    ['x above 1', { x: 1.5, round: 1, at: 1 }],
    ['x below 0', { x: -0.01, round: 1, at: 1 }],
    ['x not a number', { x: 'left', round: 1, at: 1 }],
    ['no round', { x: 0.5, at: 1 }],
    ['round 0', { x: 0.5, round: 0, at: 1 }],
    ['no time', { x: 0.5, round: 1 }],
    ['a string', 'somewhere'],
    ['an array', [0.5]],
    ['null', null],
    ['binary', new Uint8Array([1, 2])],
  ];

  it.each(invalid)('refuses %s', (_name, value) => {
    const server = makeServer();
    const update = write(server, (doc) => placeMap(doc, ALICE).set(CARD_A, value));
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.invalidPlacement));
    const proxied = write(server, (doc) => placeMap(doc, PROXY).set(CARD_NEW, value));
    expect(checkUpdate(server, proxied, facilitator)).toEqual(
      rejected(WRITE_REJECTIONS.invalidPlacement),
    );
  });

  it.each([0, 1, 0.5])('accepts x = %s with a reason', (x) => {
    const server = makeServer();
    const update = write(server, (doc) =>
      placeMap(doc, ALICE).set(CARD_A, { x, round: 1, at: 5, reason: 'because' }),
    );
    expect(checkUpdate(server, update, alice)).toEqual({ ok: true });
  });

  it('checks the phase and ownership before the value', () => {
    const server = makeServer('revealed');
    const update = write(server, (doc) => placeMap(doc, ALICE).set(CARD_A, 'nonsense'));
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.placingClosed));
  });

  it('refuses an item in a place: root without a card key', () => {
    const server = makeServer();
    const update = craft([
      {
        client: 4242,
        clock: 0,
        structs: [{ parent: placeRootName(ALICE), content: any(placement(0.5)) }],
      },
    ]);
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.invalidPlacement));
  });
});

describe("a placement's round", () => {
  /** The board after the facilitator closed round 1 on CARD_A only: CARD_A is in round 2. */
  function afterRoundOnCardA(): Y.Doc {
    const server = makeServer();
    server.transact(() => {
      roundsArray(server).push([
        { round: 1, cardIds: [CARD_A], closedAt: 1_700_000_100_000, positions: {}, summaries: {} },
      ]);
      controlMap(server).set('round', 2);
    }, 'server');
    return server;
  }

  it.each<[string, string, number, boolean]>([
    ['its first round', CARD_B, 1, true],
    ['round 999 of a card in round 1', CARD_B, 999, false],
    ['round 2 of a card in round 1', CARD_B, 2, false],
    ['its second round after a round closed on it', CARD_A, 2, true],
    ['its first round after that round closed', CARD_A, 1, false],
    ['the board round on a card the round left out', CARD_B, 2, false],
  ])('%s', (_name, cardId, round, accepted) => {
    const server = afterRoundOnCardA();
    const update = write(server, (doc) =>
      setPlacement(doc, ALICE, cardId, placement(0.5, round), 'local'),
    );
    expect(checkUpdate(server, update, alice)).toEqual(
      accepted ? { ok: true } : rejected(WRITE_REJECTIONS.wrongRound),
    );
    const proxied = write(server, (doc) =>
      setPlacement(doc, PROXY, cardId, placement(0.5, round), 'local'),
    );
    expect(checkUpdate(server, proxied, facilitator).ok).toBe(accepted);
  });

  it.each([-5, 0, 1e15, Number.MAX_SAFE_INTEGER])('does not judge the time (at = %s)', (at) => {
    const server = makeServer();
    const update = write(server, (doc) =>
      placeMap(doc, ALICE).set(CARD_B, { x: 0.5, round: 1, at }),
    );
    expect(checkUpdate(server, update, alice)).toEqual({ ok: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Values written to control, by facilitators.

describe('control values', () => {
  /** A board in round 3, in the given phase. */
  function inRound3(phase: Phase = 'discussing'): Y.Doc {
    const server = makeServer(phase);
    setControl(server, 'round', 3, 'server');
    return server;
  }

  const timer = { endsAt: 1_700_000_060_000, durationMs: 60_000, pausedRemainingMs: null };
  const cases: Array<[string, string, unknown, string | null]> = [
    ['a phase', 'phase', 'revealed', null],
    ['every phase', 'phase', 'final', null],
    ['a made-up phase', 'phase', 'bogus', 'invalidControl'],
    ['a phase of another type', 'phase', 1, 'invalidControl'],
    ['the next round', 'round', 4, null],
    ['the same round', 'round', 3, null],
    ['an earlier round', 'round', 2, 'roundBackwards'],
    ['a negative round', 'round', -5, 'invalidControl'],
    ['round 0', 'round', 0, 'invalidControl'],
    ['a fractional round', 'round', 3.5, 'invalidControl'],
    ['a round as text', 'round', '4', 'invalidControl'],
    ['a running timer', 'timer', timer, null],
    ['a paused timer', 'timer', { ...timer, endsAt: null, pausedRemainingMs: 5_000 }, null],
    ['no timer', 'timer', null, null],
    [
      'a timer without a duration',
      'timer',
      { endsAt: 1, pausedRemainingMs: null },
      'invalidControl',
    ],
    ['a timer with extra data', 'timer', { ...timer, note: 'x'.repeat(1000) }, 'invalidControl'],
    ['a timer ending as text', 'timer', { ...timer, endsAt: 'soon' }, 'invalidControl'],
    ['a timer as a number', 'timer', 60_000, 'invalidControl'],
    ['showNames on', 'showNames', true, null],
    ['showNames as text', 'showNames', 'yes', 'invalidControl'],
    ['joinOpen off', 'joinOpen', false, null],
    ['joinOpen as a number', 'joinOpen', 0, 'invalidControl'],
    ['a focus on a card of the board', 'focusCardId', CARD_B, null],
    ['no focus', 'focusCardId', null, null],
    ['a focus on no card of the board', 'focusCardId', 'nope.v9', 'invalidControl'],
    ['a focus as a number', 'focusCardId', 7, 'invalidControl'],
    ['round cards of the board', 'roundCardIds', [CARD_A, CARD_B], null],
    ['the whole board in the round', 'roundCardIds', null, null],
    ['a round card not of the board', 'roundCardIds', [CARD_A, 'nope.v9'], 'invalidControl'],
    ['round cards as text', 'roundCardIds', CARD_A, 'invalidControl'],
    ['the wall and report in Spanish', 'roomLanguages', ['es'], null],
    ['the wall and report side by side', 'roomLanguages', ['es', 'en'], null],
    ['each screen in its own language', 'roomLanguages', null, null],
    ['a language not shipped', 'roomLanguages', ['fr'], 'invalidControl'],
    ['a language twice', 'roomLanguages', ['es', 'es'], 'invalidControl'],
    ['no language at all', 'roomLanguages', [], 'invalidControl'],
    ['a language as text', 'roomLanguages', 'es', 'invalidControl'],
    ['an unknown key', 'extra', true, 'invalidControl'],
  ];

  it.each(cases)('%s', (_name, key, value, reason) => {
    const server = inRound3();
    const update = write(server, (doc) => controlMap(doc).set(key, value));
    const expected =
      reason === null
        ? { ok: true }
        : rejected(WRITE_REJECTIONS[reason as keyof typeof WRITE_REJECTIONS]);
    expect(checkUpdate(server, update, facilitator)).toEqual(expected);
  });

  it('refuses removing a setting (readers would fall back to round 1), not overwriting it', () => {
    const server = inRound3();
    const removal = write(server, (doc) => controlMap(doc).delete('round'));
    expect(checkUpdate(server, removal, facilitator)).toEqual(
      rejected(WRITE_REJECTIONS.controlRemoved),
    );
    const overwrite = write(server, (doc) => setControl(doc, 'round', 4, 'local'));
    expect(checkUpdate(server, overwrite, facilitator)).toEqual({ ok: true });
  });

  it('accepts a round started offline twice (the first value deleted in the same update)', () => {
    const server = inRound3('placing');
    const update = write(server, (doc) => {
      setControl(doc, 'round', 4, 'local');
      setControl(doc, 'round', 5, 'local');
    });
    expect(checkUpdate(server, update, facilitator)).toEqual({ ok: true });
  });

  it('judges the value after the writer: a participant is refused as before', () => {
    const server = inRound3();
    const update = write(server, (doc) => controlMap(doc).set('phase', 'bogus'));
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.notFacilitator));
  });
});

describe('nested types', () => {
  it('refuses a nested type as a card position', () => {
    const server = makeServer();
    const makers = [
      () => new Y.Map<unknown>(),
      () => new Y.Text('x'),
      () => new Y.Array<unknown>(),
    ];
    for (const make of makers) {
      const update = write(server, (doc) => placeMap(doc, ALICE).set(CARD_NEW, make()));
      expect(checkUpdate(server, update, alice)).toEqual(
        rejected(WRITE_REJECTIONS.nestedPlacement),
      );
    }
  });

  it('refuses writes into a nested type already under a place: root', () => {
    const server = makeServer();
    server.transact(() => placeMap(server, ALICE).set('junk', new Y.Map<unknown>()), 'server');
    const update = write(server, (doc) => {
      const junk = placeMap(doc, ALICE).get('junk');
      if (junk instanceof Y.Map) junk.set('x', 0.5);
    });
    expect(resolveTargets(server, update)).toEqual([
      { root: placeRootName(ALICE), key: 'junk', kind: 'insert' },
    ]);
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.nestedPlacement));
  });

  it('applies the table to nested types under other roots by the key that holds them', () => {
    const server = makeServer('discussing');
    server.transact(() => {
      finalMap(server).set('notes', new Y.Map<unknown>());
      controlMap(server).set('focusCardId', new Y.Map<unknown>());
    }, 'server');
    const intoFinal = write(server, (doc) => {
      const notes = finalMap(doc).get('notes');
      if (notes instanceof Y.Map) notes.set('summary', 'ok');
    });
    const intoControl = write(server, (doc) => {
      const focus = controlMap(doc).get('focusCardId');
      if (focus instanceof Y.Map) focus.set('card', CARD_A);
    });
    expect(checkUpdate(server, intoFinal, facilitator)).toEqual({ ok: true });
    expect(checkUpdate(server, intoFinal, alice)).toEqual(
      rejected(WRITE_REJECTIONS.notFacilitator),
    );
    // Control values are plain: a facilitator's write into a nested type there is refused.
    expect(checkUpdate(server, intoControl, facilitator)).toEqual(
      rejected(WRITE_REJECTIONS.invalidControl),
    );
    setControl(server, 'phase', 'final', 'server');
    expect(checkUpdate(server, intoFinal, facilitator)).toEqual(rejected(WRITE_REJECTIONS.locked));
    expect(checkUpdate(server, intoControl, facilitator)).toEqual(
      rejected(WRITE_REJECTIONS.locked),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Updates no honest client sends.

describe('crafted and malformed updates', () => {
  it('round-trips the crafting helper', () => {
    const update = craft([
      { client: 7, clock: 0, structs: [{ parent: ROOT_FINAL, parentSub: 'k', content: any(1) }] },
    ]);
    const [struct] = Y.decodeUpdate(update).structs;
    expect(struct instanceof Y.Item && struct.parentSub === 'k').toBe(true);
    const server = makeServer();
    expect(checkUpdate(server, update, facilitator)).toEqual({ ok: true });
    Y.applyUpdate(server, update);
    expect(finalMap(server).get('k')).toBe(1);
  });

  it.each([
    ['garbage', new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 255, 1])],
    ['nothing at all', new Uint8Array([])],
    ['an unknown content type', new Uint8Array([1, 1, 9, 0, 31])],
  ])('refuses %s as malformed', (_name, bytes) => {
    const server = makeServer();
    expect(checkUpdate(server, bytes, facilitator)).toEqual({
      ok: false,
      reason: WRITE_REJECTIONS.unreadable,
      malformed: true,
    });
  });

  it('refuses a truncated update as malformed', () => {
    const server = makeServer();
    const update = write(server, (doc) =>
      setPlacement(doc, ALICE, CARD_A, placement(0.5), 'local'),
    );
    const verdict = checkUpdate(server, update.subarray(0, update.length - 6), alice);
    expect(verdict).toEqual({ ok: false, reason: WRITE_REJECTIONS.unreadable, malformed: true });
  });

  it('accepts an empty update from anyone (a sync reply with nothing new)', () => {
    const server = makeServer('final');
    const update = unsent(connect(server), server);
    expect(checkUpdate(server, update, observer)).toEqual({ ok: true });
    expect(checkUpdate(server, update, gone)).toEqual({ ok: true });
  });

  it('accepts structs the room already has, whatever they touch', () => {
    const server = makeServer('final');
    // A full state re-sent: every struct is known, so nothing would change.
    expect(checkUpdate(server, Y.encodeStateAsUpdate(server), observer)).toEqual({ ok: true });
  });

  it('refuses an update whose earlier part the room never received', () => {
    const server = makeServer();
    const client = connect(server);
    capture(client, (doc) => setPlacement(doc, ALICE, CARD_A, placement(0.1), 'local'));
    const second = capture(client, (doc) =>
      setPlacement(doc, ALICE, CARD_A, placement(0.2), 'local'),
    );
    expect(checkUpdate(server, second, alice)).toEqual(rejected(WRITE_REJECTIONS.missing));
  });

  it('refuses references to items nobody has', () => {
    const server = makeServer();
    const update = craft([
      { client: 4242, clock: 0, structs: [{ origin: Y.createID(9999, 5), content: any(1) }] },
    ]);
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.missing));
    const nested = craft([
      {
        client: 4242,
        clock: 0,
        structs: [{ parent: Y.createID(9999, 5), parentSub: 'k', content: any(1) }],
      },
    ]);
    expect(checkUpdate(server, nested, alice)).toEqual(rejected(WRITE_REJECTIONS.missing));
  });

  it('refuses a parent id that does not hold a type', () => {
    const server = makeServer();
    const update = craft([
      {
        client: 4242,
        clock: 0,
        structs: [
          {
            parent: itemIdOf(placeMap(server, ALICE), CARD_A),
            parentSub: 'k',
            content: any(placement(0.5)),
          },
        ],
      },
    ]);
    expect(checkUpdate(server, update, alice)).toMatchObject({ ok: false, malformed: true });
  });

  it('refuses a gap left by a Skip struct, and a trailing Skip on clocks the room lacks', () => {
    const server = makeServer();
    const item = {
      parent: placeRootName(ALICE),
      parentSub: CARD_NEW,
      content: any(placement(0.5)),
    };
    const gap = craft([{ client: 4242, clock: 0, structs: [item, { skip: 3 }, item] }]);
    expect(checkUpdate(server, gap, alice)).toEqual(rejected(WRITE_REJECTIONS.missing));
    const trailing = craft([{ client: 4242, clock: 0, structs: [item, { skip: 3 }] }]);
    expect(checkUpdate(server, trailing, alice)).toEqual(rejected(WRITE_REJECTIONS.contentless));
    const late = craft([{ client: 4242, clock: 5, structs: [item] }]);
    expect(checkUpdate(server, late, alice)).toEqual(rejected(WRITE_REJECTIONS.missing));
  });

  it('refuses GC structs on clocks the room lacks (they hold nothing but take clocks), from anyone', () => {
    const server = makeServer('final');
    const update = craft([{ client: 4242, clock: 0, structs: [{ gc: 4 }] }]);
    expect(checkUpdate(server, update, observer)).toEqual(rejected(WRITE_REJECTIONS.contentless));
    expect(checkUpdate(server, update, facilitator)).toEqual(
      rejected(WRITE_REJECTIONS.contentless),
    );
    // On clocks the room has, a sync step 2 may repeat them: nothing to judge.
    const known = craft([{ client: server.clientID, clock: 0, structs: [{ gc: 1 }] }]);
    expect(resolveTargets(server, known)).toEqual([]);
    expect(checkUpdate(server, known, observer)).toEqual({ ok: true });
  });

  it('refuses a client that appears in two groups (Yjs would keep only the last)', () => {
    const server = makeServer();
    const allowed = {
      parent: placeRootName(ALICE),
      parentSub: CARD_NEW,
      content: any(placement(0.5)),
    };
    const forbidden = { parent: ROOT_META, parentSub: 'title', content: any('Mine') };
    for (const groups of [
      // Adjacent groups decode as one contiguous run: only the group count gives them away.
      [
        { client: 4242, clock: 0, structs: [allowed] },
        { client: 4242, clock: 1, structs: [allowed] },
      ],
      [
        { client: 4242, clock: 0, structs: [allowed] },
        { client: 5151, clock: 0, structs: [allowed] },
        { client: 4242, clock: 0, structs: [forbidden] },
      ],
    ]) {
      expect(checkUpdate(server, craft(groups), alice)).toMatchObject({
        ok: false,
        reason: WRITE_REJECTIONS.unreadable,
        malformed: true,
      });
    }
  });

  it('refuses a reference cycle between clients and a reference to a later struct', () => {
    const server = makeServer();
    const cycle = craft([
      {
        client: 1,
        clock: 0,
        structs: [{ origin: Y.createID(2, 0), content: any(placement(0.5)) }],
      },
      {
        client: 2,
        clock: 0,
        structs: [{ origin: Y.createID(1, 0), content: any(placement(0.5)) }],
      },
    ]);
    expect(checkUpdate(server, cycle, alice)).toMatchObject({ ok: false, malformed: true });
    const forward = craft([
      {
        client: 1,
        clock: 0,
        structs: [
          { origin: Y.createID(1, 1), content: any(placement(0.5)) },
          { parent: placeRootName(ALICE), parentSub: CARD_NEW, content: any(placement(0.5)) },
        ],
      },
    ]);
    expect(checkUpdate(server, forward, alice)).toMatchObject({ ok: false, malformed: true });
  });

  it('resolves references across clients within one update, in any order', () => {
    const server = makeServer();
    const update = craft([
      // Client 1's item sits right of client 2's, which comes later in the update.
      {
        client: 1,
        clock: 0,
        structs: [{ origin: Y.createID(2, 0), content: any(placement(0.2)) }],
      },
      {
        client: 2,
        clock: 0,
        structs: [
          { parent: placeRootName(ALICE), parentSub: CARD_NEW, content: any(placement(0.1)) },
        ],
      },
    ]);
    expect(resolveTargets(server, update)).toEqual([
      { root: placeRootName(ALICE), key: CARD_NEW, kind: 'insert' },
      { root: placeRootName(ALICE), key: CARD_NEW, kind: 'insert' },
    ]);
    expect(checkUpdate(server, update, alice)).toEqual({ ok: true });
    expect(checkUpdate(server, update, bob)).toEqual(rejected(WRITE_REJECTIONS.otherCard));
  });

  it('refuses new items next to garbage-collected structs: Yjs turns them into GC too', () => {
    const server = makeServer('final');
    server.transact(() => finalMap(server).set('notes', new Y.Map<unknown>()), 'server');
    const notes = finalMap(server).get('notes');
    if (!(notes instanceof Y.Map)) throw new Error('no nested map');
    server.transact(() => notes.set('a', 1), 'server');
    const child = itemIdOf(notes, 'a');
    server.transact(() => finalMap(server).delete('notes'), 'server'); // collects its children
    const live = itemIdOf(finalMap(server), CARD_A);
    for (const struct of [
      { origin: child, content: any(2) },
      // Yjs checks both neighbours: a live left one does not save the item.
      { origin: live, rightOrigin: child, content: any(2) },
    ]) {
      const update = craft([{ client: 4242, clock: 0, structs: [struct] }]);
      expect(checkUpdate(server, update, facilitator)).toEqual(
        rejected(WRITE_REJECTIONS.contentless),
      );
      // What Yjs would make of it: a GC struct, new clocks holding nothing.
      const copy = connect(server);
      Y.applyUpdate(copy, update);
      expect(copy.store.clients.get(4242)?.[0]).toBeInstanceOf(Y.GC);
    }
  });

  it('refuses a struct the room has when it claims references nobody has', () => {
    // Yjs skips a struct it already has, but first waits for what it refers to, and holds back
    // the rest of that client's structs with it.
    const server = makeServer();
    const update = craft([
      {
        client: server.clientID,
        clock: 0,
        structs: [{ origin: Y.createID(9999, 5), content: any(1) }],
      },
    ]);
    expect(checkUpdate(server, update, alice)).toEqual(rejected(WRITE_REJECTIONS.missing));
  });

  it('never throws, whatever the bytes', () => {
    const server = makeServer();
    const valid = write(server, (doc) => setPlacement(doc, ALICE, CARD_A, placement(0.5), 'local'));
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (random, flips) => {
          const mutated = Uint8Array.from(valid);
          for (const [at, value] of flips) mutated[at % mutated.length] = value;
          for (const bytes of [random, mutated]) {
            const verdict = checkUpdate(server, bytes, alice);
            expect(typeof verdict.ok).toBe('boolean');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('reasons', () => {
  it.each(Object.entries(WRITE_REJECTIONS))('%s fits a websocket close reason', (_key, reason) => {
    expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const facilitatorTab2: Writer = { participantId: FAC, role: 'facilitator' };

type Act =
  | { t: 'place'; who: 'alice' | 'bob' | 'proxy'; tab: 0 | 1; card: number; x: number }
  | { t: 'clear'; who: 'alice' | 'bob' | 'proxy'; tab: 0 | 1; card: number }
  | { t: 'control'; tab: 0 | 1; card: number; showNames: boolean }
  | { t: 'final'; tab: 0 | 1; card: number; x: number; remove: boolean }
  | { t: 'rounds'; tab: 0 | 1; at: number; remove: boolean }
  | { t: 'phase'; tab: 0 | 1; phase: Phase }
  | { t: 'flush'; order: number[] };

const tab = fc.constantFrom<0 | 1>(0, 1);
const who = fc.constantFrom<'alice' | 'bob' | 'proxy'>('alice', 'bob', 'proxy');
const cardIndex = fc.nat({ max: 11 });
const position = fc.double({ min: 0, max: 1, noNaN: true });

const actArb: fc.Arbitrary<Act> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('place' as const),
      who,
      tab,
      card: cardIndex,
      x: position,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('clear' as const), who, tab, card: cardIndex }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('control' as const),
      tab,
      card: cardIndex,
      showNames: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('final' as const),
      tab,
      card: cardIndex,
      x: position,
      remove: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('rounds' as const),
      tab,
      at: fc.nat(),
      remove: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('phase' as const),
      tab,
      phase: fc.constantFrom(...PHASES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('flush' as const),
      order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4 }),
    }),
  },
);

describe('properties', () => {
  it('accepts every sequence of allowed writes, and the documents converge', () => {
    fc.assert(
      fc.property(fc.array(actArb, { maxLength: 40 }), (acts) => {
        const server = makeServer('placing');
        // Alice, Bob, and the facilitator in two tabs, editing concurrently between flushes.
        const clients: Array<[Y.Doc, Writer]> = [
          [connect(server), alice],
          [connect(server), bob],
          [connect(server), facilitator],
          [connect(server), facilitatorTab2],
        ];
        const clientOf = (index: number): Y.Doc => {
          const entry = clients[index];
          if (entry === undefined) throw new Error('no such client');
          return entry[0];
        };
        const facilitatorDoc = (t: 0 | 1) => clientOf(2 + t);

        const flush = (order: number[]) => {
          for (const index of order) {
            const entry = clients[index];
            if (entry === undefined) continue;
            const [client, writer] = entry;
            const update = unsent(client, server);
            expect(checkUpdate(server, update, writer)).toEqual({ ok: true });
            Y.applyUpdate(server, update);
            expect(server.store.pendingStructs).toBeNull();
            expect(server.store.pendingDs).toBeNull();
          }
          for (const [client] of clients) sync(server, client);
        };

        for (const act of acts) {
          // Every client has seen the server's phase: phase changes are flushed at once.
          const phase = controlMap(server).get('phase');
          switch (act.t) {
            case 'place':
            case 'clear': {
              if (phase !== 'placing') break;
              const doc =
                act.who === 'proxy'
                  ? facilitatorDoc(act.tab)
                  : clientOf(act.who === 'alice' ? 0 : 1);
              const owner = { alice: ALICE, bob: BOB, proxy: PROXY }[act.who];
              if (act.t === 'place')
                setPlacement(doc, owner, card(act.card), placement(act.x), 'local');
              else clearPlacement(doc, owner, card(act.card), 'local');
              break;
            }
            case 'control':
              if (phase === 'final') break;
              setControl(facilitatorDoc(act.tab), 'focusCardId', card(act.card), 'local');
              setControl(facilitatorDoc(act.tab), 'showNames', act.showNames, 'local');
              break;
            case 'final': {
              if (phase === 'final') break;
              const map = finalMap(facilitatorDoc(act.tab));
              if (act.remove) map.delete(card(act.card));
              else map.set(card(act.card), { x: act.x, note: '' });
              break;
            }
            case 'rounds': {
              if (phase === 'final') break;
              const rounds = roundsArray(facilitatorDoc(act.tab));
              if (act.remove && rounds.length > 0) rounds.delete(act.at % rounds.length, 1);
              else rounds.insert(act.at % (rounds.length + 1), [{ round: act.at, closedAt: 1 }]);
              break;
            }
            case 'phase':
              flush([0, 1, 2, 3]);
              setControl(facilitatorDoc(act.tab), 'phase', act.phase, 'local');
              flush([2, 3, 0, 1]);
              break;
            case 'flush':
              flush(act.order);
              break;
          }
        }
        flush([0, 1, 2, 3]);
        const expected = boardJson(server);
        for (const [client] of clients) expect(boardJson(client)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('matches the rule table for random writer, phase and write', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WRITERS),
        fc.constantFrom(...PHASES),
        fc.constantFrom(...OPS),
        ([, writer], phase, op) => {
          const server = makeServer(phase);
          const update = write(server, (doc) => op.apply(doc, writer));
          const reason = expectedReason(writer, phase, op.touches);
          expect(checkUpdate(server, update, writer).ok).toBe(reason === null);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses any update touching a forbidden root, even beside allowed writes', () => {
    const forbiddenRoot = fc.oneof(
      fc.constantFrom(ROOT_META, ROOT_PARTICIPANTS),
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter(
          (name) =>
            participantIdOfRoot(name) === null &&
            ![ROOT_META, ROOT_PARTICIPANTS, ROOT_CONTROL, ROOT_FINAL, ROOT_ROUNDS].includes(name),
        ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...WRITERS),
        fc.constantFrom(...PHASES),
        forbiddenRoot,
        fc.string({ maxLength: 8 }),
        fc.jsonValue(),
        fc.boolean(),
        fc.boolean(),
        ([, writer], phase, root, key, value, asArray, withAllowed) => {
          const server = makeServer(phase);
          const update = write(server, (doc) => {
            doc.transact(() => {
              if (withAllowed) setControl(doc, 'phase', 'placing', 'local');
              if (asArray) doc.getArray(root).push([value]);
              else doc.getMap(root).set(key, value);
            });
          });
          const verdict = checkUpdate(server, update, writer);
          expect(verdict.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
