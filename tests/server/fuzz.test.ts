/**
 * A seeded fuzz run against the real server: attacking sockets, each authenticated with a real
 * participant's token, send 20,000 malformed and mutated frames (bit flips, truncations,
 * splices, inflated length prefixes, random bytes, replays, and frames that speak for someone
 * else) built from real captured frames, while two honest stock clients keep placing cards
 * and a facilitator's stock client watches. Afterwards the facilitator's document equals the
 * server's board and holds every honest write, and each honest participant's equals what a fresh
 * device of theirs receives (the board's view and their own placements).
 *
 * Each fuzz frame is followed by a probe (a sync step 1 with the attackers' state vector), so
 * every frame is accounted for: either the probe's answer arrives (the frame was taken, or
 * ignored as harmless) or the socket is closed because of that frame; closed sockets are
 * reopened. Half the sockets answer the server's step 1 first, as stock clients do. The PRNG
 * is seeded; which frames are captured still depends on timing, so counts vary a little.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '../../server/rooms/protocol.ts';
import type { JoinResponse } from '../../shared/api.ts';
import { placeMap, readParticipants, setPlacement } from '../../shared/boardDoc.ts';
import { readProgress } from '../../shared/publicView.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../../shared/rubric.ts';
import { awarenessPayload, boardSocketUrl, gcUpdate } from '../support/rawSocket.ts';
import { seededRandom } from '../support/seededRandom.ts';
import {
  createBoard,
  joinBoard,
  newDataDir,
  serverHarness,
  synced,
  waitFor,
} from '../support/testServer.ts';

const SEED = 0x5eed_c0de;
const FUZZ_FRAMES = 20_000;
const ATTACKING_SOCKETS = 8;
const CORPUS_SIZE = 300;
const MAX_CORPUS_FRAME = 16 * 1024;
const HONEST_WRITE_MS = 15;
const CARD_IDS = rubricCards(ELEMENTS_OF_PARTNERSHIP).map((card) => card.id);

const harness = serverHarness();

const KINDS = [
  'bit flips',
  'truncation',
  'splice',
  'length inflation',
  'type change',
  'random bytes',
  'replay',
  "another client's presence",
  "another client's id",
] as const;
type Kind = (typeof KINDS)[number];
/** How often each kind is picked, out of the sum. */
const WEIGHTS: Record<Kind, number> = {
  'bit flips': 28,
  truncation: 14,
  splice: 14,
  'length inflation': 12,
  'type change': 6,
  'random bytes': 10,
  replay: 6,
  "another client's presence": 5,
  "another client's id": 5,
};

function varUint(value: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

class Fuzzer {
  readonly random: () => number;
  private readonly corpus: Uint8Array[] = [];

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(below: number): number {
    return Math.floor(this.random() * below);
  }

  /** Keeps real frames to mutate; once full, a random old one makes room. */
  capture(frame: Uint8Array): void {
    if (frame.length === 0 || frame.length > MAX_CORPUS_FRAME) return;
    if (this.corpus.length < CORPUS_SIZE) this.corpus.push(frame);
    else this.corpus[this.int(CORPUS_SIZE)] = frame;
  }

  pick(): Uint8Array {
    return this.corpus[this.int(this.corpus.length)] ?? new Uint8Array([0]);
  }

  kind(): Kind {
    const total = KINDS.reduce((sum, kind) => sum + WEIGHTS[kind], 0);
    let roll = this.random() * total;
    for (const kind of KINDS) {
      roll -= WEIGHTS[kind];
      if (roll < 0) return kind;
    }
    return 'random bytes';
  }

  mutate(kind: Kind, attacker: Attacker, wire: Wire): Uint8Array {
    const frame = this.pick();
    switch (kind) {
      case 'bit flips': {
        const out = frame.slice();
        for (let i = 1 + this.int(4); i > 0; i--) {
          const at = this.int(out.length);
          out[at] = (out[at] ?? 0) ^ (1 << this.int(8));
        }
        return out;
      }
      case 'truncation':
        return frame.slice(0, this.int(frame.length));
      case 'splice': {
        const other = this.pick();
        return concat(
          frame.slice(0, this.int(frame.length + 1)),
          other.slice(this.int(other.length)),
        );
      }
      case 'length inflation': {
        // Length prefixes sit near the start (frame and payload) and before every string.
        const at = this.int(Math.min(frame.length, 24));
        const huge = [2 ** 31 - 1, 2 ** 28, 2 ** 20, frame.length + 1 + this.int(1000)][
          this.int(4)
        ];
        return concat(frame.slice(0, at), varUint(huge ?? 2 ** 20), frame.slice(at + 1));
      }
      case 'type change': {
        const out = frame.slice();
        out[this.int(Math.min(2, out.length))] = this.int(256);
        return out;
      }
      case 'random bytes': {
        const out = new Uint8Array(this.int(65));
        for (let i = 0; i < out.length; i++) out[i] = this.int(256);
        return out;
      }
      case 'replay':
        return frame;
      case "another client's presence": {
        // Only ids seen on the wire: an attacker cannot know any other.
        const present = [...wire.othersPresent];
        const clientId = present[this.int(present.length)] ?? 1;
        const state = { user: { participantId: attacker.participantId }, drag: null };
        const clock = 1 + this.int(10_000);
        return encodeAwareness(awarenessPayload([{ clientId, clock, state }]));
      }
      case "another client's id": {
        // A GC struct at someone else's next clock, which would swallow their next write: an
        // honest client's or the server's, as seen on the wire.
        const victims = [...wire.othersPresent, ...wire.serverIds];
        const clientId = victims[this.int(victims.length)] ?? 1;
        const next = Y.getState(wire.mirror.store, clientId) + this.int(3);
        return encodeSyncUpdate(gcUpdate(clientId, next, 1 + this.int(4)));
      }
    }
  }
}

/** What the attackers have seen of the board. */
interface Wire {
  /** The board's document, as far as they learnt it. */
  mirror: Y.Doc;
  /** Client ids that awareness showed present as someone outside their team. */
  othersPresent: Set<number>;
  /**
   * The server's client ids: those that wrote the board before anyone joined it, and those of
   * the view, which every participant receives.
   */
  serverIds: number[];
}

interface Attacker {
  participantId: string;
  token: string;
}

interface Outcome {
  sent: number;
  /** The probe after the frame was answered: the frame was taken, or ignored as harmless. */
  answered: number;
  /** Sockets the frame closed, by close code. */
  closes: Record<string, number>;
}

/** One attacking socket: sends a frame and a probe, and waits for the probe's answer or a close. */
class AttackSocket {
  private step2Seen = 0;
  private step2Expected = 0;
  private waiter: (() => void) | null = null;
  closeCode: number | null = null;

  private constructor(
    private readonly ws: WebSocket,
    onFrame: (frame: Uint8Array) => void,
  ) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary || !Buffer.isBuffer(data)) return;
      const frame = new Uint8Array(data);
      onFrame(frame);
      if (frame[0] === 0 && frame[1] === 1) this.step2Seen += 1; // sync step 2
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
    ws.on('error', () => undefined);
  }

  /**
   * Opens a socket. With `stepTwo`, it first answers the server's step 1 as a stock client
   * does (with nothing the server lacks), after which its updates must follow without gaps.
   */
  static open(
    url: string,
    onFrame: (frame: Uint8Array) => void,
    stepTwo: boolean,
  ): Promise<AttackSocket> {
    const socket = new AttackSocket(new WebSocket(url), onFrame);
    return new Promise((resolve) => {
      socket.ws.once('open', () => {
        if (stepTwo) socket.ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc())));
        resolve(socket);
      });
      socket.ws.once('close', () => resolve(socket));
    });
  }

  /** Sends `frame` then `probe`; resolves true if the probe was answered, false on a close. */
  async attack(frame: Uint8Array, probe: Uint8Array): Promise<boolean> {
    if (this.closeCode !== null) return false;
    // A frame the server reads as a state request is answered with a step 2 of its own.
    this.step2Expected += readsAsStep1(frame) ? 2 : 1;
    this.ws.send(frame);
    this.ws.send(probe);
    while (this.closeCode === null && this.step2Seen < this.step2Expected) {
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
    return this.closeCode === null;
  }

  terminate(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}

/** Who an awareness update shows present (y-protocols: count, then id, clock, state each). */
function presentParticipants(update: Uint8Array): { clientId: number; participantId: string }[] {
  const decoder = decoding.createDecoder(update);
  const present: { clientId: number; participantId: string }[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    const participantId = (state as { user?: { participantId?: unknown } } | null)?.user
      ?.participantId;
    if (typeof participantId === 'string') present.push({ clientId, participantId });
  }
  return present;
}

function readsAsStep1(frame: Uint8Array): boolean {
  try {
    return decodeClientMessage(frame).type === 'sync-step1';
  } catch {
    return false;
  }
}

function rootsJson(doc: Y.Doc, names: Iterable<string>): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const name of names) {
    json[name] = name === 'rounds' ? doc.getArray(name).toJSON() : doc.getMap(name).toJSON();
  }
  return json;
}

function stateVector(doc: Y.Doc): Record<number, number> {
  return Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
}

describe('fuzzing the websocket', () => {
  it('survives 20,000 malformed and mutated frames while two honest clients keep editing', {
    timeout: 120_000,
  }, async () => {
    // High rate limits, so the frames reach the decoder instead of the rate limiter.
    const server = await harness.start(newDataDir(), {
      limits: {
        updateRate: { perSecond: 1_000_000, burst: 1_000_000 },
        awarenessRate: { perSecond: 1_000_000, burst: 1_000_000 },
        byteRate: { perSecond: 1_000_000_000, burst: 1_000_000_000 },
        newClientIds: { max: 1_000_000, windowMs: 60_000 },
      },
    });
    const board = await createBoard(server);
    const honestPeople = [
      await joinBoard(server, board, 'Ana'),
      await joinBoard(server, board, 'Ben'),
    ];
    const attackers: Attacker[] = [];
    for (const name of ['Mallory', 'Trudy', 'Eve']) {
      const joined: JoinResponse = await joinBoard(server, board, name);
      attackers.push({ participantId: joined.participantId, token: joined.token });
    }
    const oscar = await joinBoard(server, board, 'Oscar', { role: 'observer' });
    attackers.push({ participantId: oscar.participantId, token: oscar.token });

    const honest = honestPeople.map((person) => {
      return harness.client(server, board.boardId, person.token);
    });
    // The facilitator's device syncs the whole board: it sees every honest write.
    const facilitator = harness.client(server, board.boardId, board.facilitatorToken);
    await Promise.all([...honest, facilitator].map(synced));
    const honestCloses: number[] = [];
    for (const client of [...honest, facilitator]) {
      client.provider.on('connection-close', (event) => honestCloses.push(event?.code ?? 0));
    }
    // Before anyone writes, a participant's document is the view, all of it the server's.
    const viewIds = [...(honest[0]?.doc.store.clients.keys() ?? [])];
    expect(viewIds.length).toBeGreaterThan(0);

    // Present from the start, as the app is.
    honest.forEach((client, index) => {
      const participantId = honestPeople[index]?.participantId ?? '';
      client.provider.awareness.setLocalState({ user: { participantId }, drag: null });
    });
    const facilitatorId = [...readParticipants(facilitator.doc)].find(
      ([, participant]) => participant.role === 'facilitator',
    )?.[0];
    facilitator.provider.awareness.setLocalState({
      user: { participantId: facilitatorId },
      drag: null,
    });

    const fuzzer = new Fuzzer(SEED);
    const team = new Set(attackers.map((attacker) => attacker.participantId));
    const room = server.server.rooms.peek(board.boardId);
    if (!room) throw new Error('no room');
    const wire: Wire = {
      mirror: new Y.Doc(),
      othersPresent: new Set(),
      // Everything on the board before the honest clients write is the server's.
      serverIds: [...room.doc.store.clients.keys(), ...viewIds],
    };
    const onFrame = (frame: Uint8Array) => {
      fuzzer.capture(frame);
      try {
        const message = decodeClientMessage(frame);
        if (message.type === 'sync-update' || message.type === 'sync-step2') {
          Y.applyUpdate(wire.mirror, message.update);
        }
        if (message.type === 'awareness') {
          for (const { clientId, participantId } of presentParticipants(message.update)) {
            if (!team.has(participantId)) wire.othersPresent.add(clientId);
          }
        }
      } catch {
        // not for the mirror
      }
    };
    // Seeds: each attacker's own legitimate frames, and the honest clients' real updates.
    for (const attacker of attackers) {
      const doc = new Y.Doc();
      doc.on('update', (update: Uint8Array) => fuzzer.capture(encodeSyncUpdate(update)));
      for (const cardId of CARD_IDS.slice(0, 3)) {
        setPlacement(doc, attacker.participantId, cardId, { x: 0.5, round: 1, at: 1 }, 'local');
      }
      const state = {
        user: { participantId: attacker.participantId },
        drag: { cardId: 'trust.v1' },
      };
      fuzzer.capture(
        encodeAwareness(awarenessPayload([{ clientId: doc.clientID, clock: 1, state }])),
      );
      fuzzer.capture(encodeSyncStep1(Y.encodeStateVector(doc)));
      fuzzer.capture(new Uint8Array([3]));
    }
    for (const client of honest) {
      client.doc.on('update', (update: Uint8Array) => fuzzer.capture(encodeSyncUpdate(update)));
    }

    // The honest clients place cards all along, and show their drags.
    let honestWrites = 0;
    const writer = setInterval(() => {
      honest.forEach((client, index) => {
        const person = honestPeople[index];
        if (!person) return;
        const cardId = CARD_IDS[(honestWrites + index * 7) % CARD_IDS.length] ?? 'trust.v1';
        const x = ((honestWrites * 37 + index * 101) % 10_001) / 10_000;
        setPlacement(
          client.doc,
          person.participantId,
          cardId,
          { x, round: 1, at: honestWrites },
          'local',
        );
        client.provider.awareness.setLocalState({
          user: { participantId: person.participantId },
          drag: { cardId },
        });
      });
      honestWrites += 1;
    }, HONEST_WRITE_MS);

    const outcomes = Object.fromEntries(
      KINDS.map((kind) => [kind, { sent: 0, answered: 0, closes: {} }]),
    ) as Record<Kind, Outcome>;
    let connections = 0;
    let budget = FUZZ_FRAMES;
    const started = Date.now();
    const attack = async (slot: number) => {
      const attacker = attackers[slot % attackers.length];
      if (!attacker) return;
      const url = boardSocketUrl(server.wsUrl, board.boardId, attacker.token);
      while (budget > 0) {
        const socket = await AttackSocket.open(url, onFrame, slot % 2 === 1);
        connections += 1;
        while (budget > 0) {
          budget -= 1;
          const kind = fuzzer.kind();
          const frame = fuzzer.mutate(kind, attacker, wire);
          const outcome = outcomes[kind];
          outcome.sent += 1;
          const probe = encodeSyncStep1(Y.encodeStateVector(wire.mirror));
          if (await socket.attack(frame, probe)) {
            outcome.answered += 1;
            continue;
          }
          const code = String(socket.closeCode);
          outcome.closes[code] = (outcome.closes[code] ?? 0) + 1;
          break;
        }
        socket.terminate();
      }
    };
    await Promise.all(Array.from({ length: ATTACKING_SOCKETS }, (_, slot) => attack(slot)));
    clearInterval(writer);
    const seconds = (Date.now() - started) / 1000;

    const all = Object.values(outcomes);
    const sent = all.reduce((sum, outcome) => sum + outcome.sent, 0);
    const closes: Record<string, number> = {};
    for (const outcome of all) {
      for (const [code, n] of Object.entries(outcome.closes))
        closes[code] = (closes[code] ?? 0) + n;
    }
    const closed = Object.values(closes).reduce((sum, n) => sum + n, 0);
    const summary = (outcome: Outcome) =>
      [
        `${outcome.sent} sent`,
        `${outcome.answered} taken or ignored`,
        ...Object.entries(outcome.closes).map(([code, n]) => `${n} closed with ${code}`),
      ].join(', ');
    console.log(
      [
        `fuzz (seed 0x${SEED.toString(16)}): ${sent} frames from ${ATTACKING_SOCKETS} sockets (${connections} connections) in ${seconds.toFixed(1)} s; 2 honest clients made ${honestWrites * 2} placements meanwhile`,
        ...KINDS.map((kind) => `  ${kind}: ${summary(outcomes[kind])}`),
        `  total: ${summary({ sent, answered: sent - closed, closes })}`,
      ].join('\n'),
    );

    const serverDoc = room.doc; // the honest clients kept it loaded
    await waitFor(
      () => JSON.stringify(stateVector(facilitator.doc)) === JSON.stringify(stateVector(serverDoc)),
      'the facilitator to converge with the server',
      10_000,
    );
    const roots = [...serverDoc.share.keys()];
    expect(rootsJson(facilitator.doc, roots)).toEqual(rootsJson(serverDoc, roots));
    // Each honest participant holds what the server sends a fresh device of theirs now.
    const fresh = honestPeople.map((person) => harness.client(server, board.boardId, person.token));
    await Promise.all(fresh.map(synced));
    for (const [index, client] of honest.entries()) {
      const again = fresh[index];
      if (!again) throw new Error('no fresh device');
      await waitFor(
        () => JSON.stringify(stateVector(client.doc)) === JSON.stringify(stateVector(again.doc)),
        'the honest participants to converge with the view',
        10_000,
      );
      const viewRoots = [...again.doc.share.keys()];
      expect(rootsJson(client.doc, viewRoots)).toEqual(rootsJson(again.doc, viewRoots));
    }
    // Every honest write is there: every clock of their client ids, and each latest position.
    honest.forEach((client, index) => {
      const person = honestPeople[index];
      if (!person) return;
      const id = client.doc.clientID;
      for (const doc of [serverDoc, facilitator.doc]) {
        expect(Y.getState(doc.store, id)).toBe(Y.getState(client.doc.store, id));
        expect(placeMap(doc, person.participantId).toJSON()).toEqual(
          placeMap(client.doc, person.participantId).toJSON(),
        );
      }
      // And what the others see of it: how many cards each has placed.
      expect(readProgress(client.doc)[person.participantId]).toBe(
        placeMap(serverDoc, person.participantId).size,
      );
    });
    expect(honestCloses).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect(closed).toBeGreaterThan(1_000);
    expect(Object.keys(closes).sort()).toEqual(['1007', '4403']);
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
  });
});
