/**
 * filterUpdate rewrites a Yjs update keeping only some structs and delete ranges. Every case
 * round-trips through real Y.Docs: the filtered update applies cleanly (nothing left pending)
 * and gives the document expected of what was kept.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { filterUpdate, structlessDeletes } from '../../../shared/updateFilter.ts';

/** A doc with a fixed client id, so tests can name whose structs they keep. */
function docOf(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

/** Applies `update` to a copy of `base` (or an empty doc) and checks nothing is left pending. */
function applied(update: Uint8Array, base?: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  Y.applyUpdate(doc, update);
  expect(doc.store.pendingStructs).toBeNull();
  expect(doc.store.pendingDs).toBeNull();
  return doc;
}

function entries(doc: Y.Doc, name: string): Record<string, unknown> {
  return doc.getMap(name).toJSON();
}

/** Ana (client 1) and Ben (client 2) each write to the shared map and to their own. */
function twoWriters() {
  const ana = docOf(1);
  const ben = docOf(2);
  ana.getMap('shared').set('a', 1);
  ana.getMap('ana').set('x', 'ana');
  Y.applyUpdate(ben, Y.encodeStateAsUpdate(ana));
  ben.getMap('shared').set('b', 2);
  ben.getMap('ben').set('y', 'ben');
  Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
  // Ana overwrites Ben's key and removes her own: deletes of both clients' items.
  ana.getMap('shared').set('b', 3);
  ana.getMap('ana').delete('x');
  return { ana, ben };
}

describe('filterUpdate', () => {
  it('keeps everything by default: the rewritten update gives the same document', () => {
    const { ana } = twoWriters();
    const update = Y.encodeStateAsUpdate(ana);
    const doc = applied(filterUpdate(update, {}));
    expect(entries(doc, 'shared')).toEqual({ a: 1, b: 3 });
    expect(entries(doc, 'ana')).toEqual({});
    expect(entries(doc, 'ben')).toEqual({ y: 'ben' });
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(ana));
  });

  it("keeps one client's structs and delete ranges only", () => {
    const { ana, ben } = twoWriters();
    const update = Y.encodeStateAsUpdate(ana);
    const onlyBen = filterUpdate(update, {
      struct: (client) => client === ben.clientID,
      deleteRange: (client) => client === ben.clientID,
    });
    const meta = Y.parseUpdateMeta(onlyBen);
    expect([...meta.to.keys()]).toEqual([ben.clientID]);
    expect([...Y.decodeUpdate(onlyBen).ds.clients.keys()]).toEqual([ben.clientID]);
    // Ben's items sit after Ana's first ones: given those, the rest applies and Ana's delete of
    // Ben's `b` (a delete range of Ben's clock) comes along.
    const anaFirst = docOf(1);
    anaFirst.getMap('shared').set('a', 1);
    anaFirst.getMap('ana').set('x', 'ana');
    const doc = applied(onlyBen, anaFirst);
    expect(entries(doc, 'shared')).toEqual({ a: 1 });
    expect(entries(doc, 'ben')).toEqual({ y: 'ben' });
    expect(entries(doc, 'ana')).toEqual({ x: 'ana' });
  });

  it("drops a whole client's structs and deletes", () => {
    const ana = docOf(1);
    const ben = docOf(2);
    ana.getMap('ana').set('x', 1);
    ben.getMap('ben').set('y', 2);
    ben.getMap('ben').delete('y');
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(ana), Y.encodeStateAsUpdate(ben)]);
    const withoutBen = filterUpdate(merged, {
      struct: (client) => client !== 2,
      deleteRange: (client) => client !== 2,
    });
    const doc = applied(withoutBen);
    expect(entries(doc, 'ana')).toEqual({ x: 1 });
    expect(doc.store.clients.has(2)).toBe(false);
    expect(Y.decodeUpdate(withoutBen).ds.clients.size).toBe(0);
  });

  it('keeps the parts of a delete range asked for, and merges repeated ranges first', () => {
    const ana = docOf(1);
    const list = ana.getArray<number>('list');
    list.insert(0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // clocks 0–9, one struct
    const base = Y.encodeStateAsUpdate(ana);
    const baseDoc = applied(base);
    // A delete set naming clocks 2–7 three times over.
    const repeated = rawUpdateWithDeletes(1, [
      { clock: 2, len: 6 },
      { clock: 2, len: 6 },
      { clock: 4, len: 2 },
    ]);
    const asked: { clock: number; len: number }[] = [];
    const filtered = filterUpdate(repeated, {
      deleteRange: (_client, clock, len) => {
        asked.push({ clock, len });
        return [
          { clock: 2, len: 1 },
          { clock: 6, len: 2 },
        ];
      },
    });
    expect(asked).toEqual([{ clock: 2, len: 6 }]);
    expect([...(Y.decodeUpdate(filtered).ds.clients.get(1) ?? [])].map(plain)).toEqual([
      { clock: 2, len: 1 },
      { clock: 6, len: 2 },
    ]);
    const doc = applied(filtered, baseDoc);
    expect(doc.getArray('list').toArray()).toEqual([0, 1, 3, 4, 5, 8, 9]);
  });

  it('an update with nothing kept is the empty update, which changes nothing', () => {
    const { ana } = twoWriters();
    const nothing = filterUpdate(Y.encodeStateAsUpdate(ana), {
      struct: () => false,
      deleteRange: () => false,
    });
    expect(nothing).toEqual(new Uint8Array([0, 0]));
    const doc = applied(nothing);
    expect(doc.store.clients.size).toBe(0);
  });

  it('leaves a gap where a struct in the middle of a run is dropped, so later clocks stay', () => {
    const ana = docOf(1);
    const map = ana.getMap<number>('m');
    const updates: Uint8Array[] = [];
    ana.on('update', (update: Uint8Array) => updates.push(update));
    map.set('first', 1); // clock 0
    map.set('second', 2); // clock 1
    map.set('third', 3); // clock 2
    const all = Y.mergeUpdates(updates);
    const withoutSecond = filterUpdate(all, { struct: (_client, clock) => clock !== 1 });
    const structs = Y.decodeUpdate(withoutSecond).structs;
    expect(structs.map((struct) => [struct.constructor.name, struct.id.clock])).toEqual([
      ['Item', 0],
      ['Skip', 1],
      ['Item', 2],
    ]);
    // The third item waits for clock 1, which the dropped struct's own update brings.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, withoutSecond);
    expect(doc.getMap('m').toJSON()).toEqual({ first: 1 });
    Y.applyUpdate(doc, updates[1] ?? new Uint8Array());
    expect(doc.getMap('m').toJSON()).toEqual({ first: 1, second: 2, third: 3 });
  });

  it('keeps GC structs and content as they were', () => {
    const ana = docOf(1);
    const nested = new Y.Map<string>();
    ana.getMap('outer').set('inner', nested);
    nested.set('k', 'v');
    ana.getMap('outer').delete('inner'); // the nested map's content is collected (GC)
    ana.getText('text').insert(0, 'héllo ✓');
    const update = Y.encodeStateAsUpdate(ana);
    expect(Y.decodeUpdate(update).structs.some((struct) => struct instanceof Y.GC)).toBe(true);
    const rewritten = filterUpdate(update, {});
    const doc = applied(rewritten);
    expect(doc.getText('text').toString()).toBe('héllo ✓');
    expect(entries(doc, 'outer')).toEqual({});
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(ana));
  });

  it('keeps only clocks from a state vector on, cutting a struct that straddles it, as Y.diffUpdate', () => {
    const ana = docOf(1);
    const text = ana.getText('text');
    text.insert(0, 'hello'); // one struct, clocks 0–4
    const server = applied(Y.encodeStateAsUpdate(ana));
    text.insert(5, ' world'); // appended to the same struct: clocks 5–10
    ana.getMap('m').set('k', 'v');
    text.delete(0, 1); // a delete of a clock the server has
    const update = Y.encodeStateAsUpdate(ana);
    const straddles = (struct: { id: Y.ID; length: number }) =>
      struct.id.clock < 5 && struct.id.clock + struct.length > 5;
    expect(Y.decodeUpdate(update).structs.some(straddles)).toBe(true);
    const serverState = (client: number) => Y.getState(server.store, client);
    const cut = filterUpdate(update, { from: serverState });
    const clocks = Y.decodeUpdate(cut).structs.map((struct) => struct.id.clock);
    expect(clocks[0]).toBe(5);
    const viaFilter = applied(cut, server);
    const viaDiff = applied(Y.diffUpdate(update, Y.encodeStateVector(server)), server);
    expect(viaFilter.getText('text').toString()).toBe('ello world');
    expect(viaFilter.getText('text').toString()).toBe(viaDiff.getText('text').toString());
    expect(entries(viaFilter, 'm')).toEqual({ k: 'v' });
    expect(Y.encodeStateVector(viaFilter)).toEqual(Y.encodeStateVector(ana));
    // Nothing past the state vector: only the delete set is left.
    const nothingNew = filterUpdate(update, { from: (client) => Y.getState(ana.store, client) });
    expect(Y.decodeUpdate(nothingNew).structs).toEqual([]);
  });

  it('throws on an unreadable update', () => {
    expect(() => filterUpdate(new Uint8Array([5, 1, 2]), {})).toThrow();
  });
});

describe('structlessDeletes', () => {
  it('reads the delete set of an update without structs as Yjs does', () => {
    const ana = docOf(1);
    const list = ana.getArray<number>('list');
    list.insert(0, [0, 1, 2, 3, 4]);
    list.delete(1, 2);
    const ben = docOf(2);
    ben.getArray<number>('list').insert(0, [9]);
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(ben));
    list.delete(0, 1); // deletes ana's 0 or ben's 9, whichever is first
    // A reconnecting client's step 2 that brings nothing new: no structs, the whole delete set.
    const step2 = Y.encodeStateAsUpdate(ana, Y.encodeStateVector(ana));
    const expected = new Map(
      [...Y.decodeUpdate(step2).ds.clients].map(([client, ranges]) => [client, ranges.map(plain)]),
    );
    expect(expected.size).toBeGreaterThan(0);
    expect(structlessDeletes(step2)).toEqual(expected);
    expect(structlessDeletes(rawUpdateWithDeletes(1, [{ clock: 2, len: 6 }]))).toEqual(
      new Map([[1, [{ clock: 2, len: 6 }]]]),
    );
  });

  it('is null for an update with structs, and throws on one cut short', () => {
    const ana = docOf(1);
    ana.getMap('m').set('k', 1);
    expect(structlessDeletes(Y.encodeStateAsUpdate(ana))).toBeNull();
    // One client, claiming 1,000,000 ranges in a few bytes.
    expect(() => structlessDeletes(new Uint8Array([0, 1, 1, 0xc0, 0x84, 0x3d, 1, 1]))).toThrow();
  });
});

function plain(range: { clock: number; len: number }) {
  return { clock: range.clock, len: range.len };
}

/** An update with no structs and these delete ranges of one client, as a client could send. */
function rawUpdateWithDeletes(client: number, ranges: { clock: number; len: number }[]) {
  const bytes = [0, 1, client, ranges.length];
  for (const { clock, len } of ranges) bytes.push(clock, len);
  return new Uint8Array(bytes);
}
