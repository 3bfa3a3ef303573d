/**
 * The provider takes the websocket the early script opened (client/state/earlySocket.ts): what
 * the socket reported before the provider existed reaches the provider's handlers first and in
 * order; a socket opened for another token is closed, one the page already gave up on is never
 * handed over, and reconnections open new sockets.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptingWebSocket, earlySocketFoundNoCopy } from '../../../client/state/earlySocket.ts';

/** What the provider touches of a socket: its handlers, and close. */
class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closedWith: number | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  close(code: number): void {
    this.closedWith = code;
  }
}

function event(type: string, data?: number): Event {
  return { type, data } as unknown as Event;
}

function stubPage(early: object | undefined): Record<string, unknown> {
  const page: Record<string, unknown> = { __continuumEarlySocket: early };
  vi.stubGlobal('window', page);
  vi.stubGlobal('WebSocket', FakeSocket);
  return page;
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.made = [];
});

describe('the early socket', () => {
  it('is the first socket, its kept events replayed in order before any new one', async () => {
    const socket = new FakeSocket('early');
    const kept = [event('open'), event('message', 1), event('message', 2)];
    const page = stubPage({ boardId: 'b1', token: 't1', socket, events: kept, taken: false });
    const Adopting = adoptingWebSocket('b1', 't1');

    const seen: string[] = [];
    const taken = new Adopting('ws://host/ws/b1?token=t1') as unknown as FakeSocket;
    expect(taken).toBe(socket);
    // The provider sets its handlers right after construction, in the same task.
    taken.onopen = (e) => seen.push(e.type);
    taken.onmessage = (e) => seen.push(`message ${String(e.data)}`);
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual(['open', 'message 1', 'message 2']);
    expect(page.__continuumEarlySocket).toBeUndefined();

    // A reconnection opens a socket of its own.
    const again = new Adopting('ws://host/ws/b1?token=t1') as unknown as FakeSocket;
    expect(again).not.toBe(socket);
    expect(FakeSocket.made.map((made) => made.url)).toEqual(['early', 'ws://host/ws/b1?token=t1']);
  });

  it('is closed, and a new one opened, when it was opened for another token', () => {
    const socket = new FakeSocket('early');
    stubPage({ boardId: 'b1', token: 'someone else', socket, events: [], taken: false });
    const taken = new (adoptingWebSocket('b1', 't1'))('ws://host/ws/b1?token=t1');
    expect(taken).not.toBe(socket);
    expect(socket.closedWith).toBe(1000);
  });

  it('is never handed over once the page gave up on it', () => {
    const socket = new FakeSocket('early');
    stubPage({ boardId: 'b1', token: 't1', socket, events: [], taken: true });
    const taken = new (adoptingWebSocket('b1', 't1'))('ws://host/ws/b1?token=t1');
    expect(taken).not.toBe(socket);
  });

  it('stops the early script from opening one once the app has connected without it', () => {
    const early = { boardId: 'b1', token: 't1', socket: null, events: [], taken: false };
    stubPage(early);
    new (adoptingWebSocket('b1', 't1'))('ws://host/ws/b1?token=t1');
    expect(early.taken).toBe(true);
  });

  it('lets the app connect at once only when the early script found no copy on this device', () => {
    const opened = (changes: object) => ({
      boardId: 'b1',
      token: 't1',
      socket: new FakeSocket('early'),
      noBoardCopy: true,
      events: [],
      taken: false,
      ...changes,
    });
    stubPage(opened({}));
    expect(earlySocketFoundNoCopy('b1', 't1')).toBe(true);
    // A copy of the board found (or no list of the databases yet), no socket yet, or given up.
    for (const changes of [{ noBoardCopy: false }, { socket: null }, { taken: true }]) {
      stubPage(opened(changes));
      expect(earlySocketFoundNoCopy('b1', 't1')).toBe(false);
    }
    // Another board or person, or no early script at all.
    stubPage(opened({}));
    expect(earlySocketFoundNoCopy('b2', 't1')).toBe(false);
    expect(earlySocketFoundNoCopy('b1', 't2')).toBe(false);
    stubPage(undefined);
    expect(earlySocketFoundNoCopy('b1', 't1')).toBe(false);
  });
});
