/**
 * The address people in the room reach this server at (GET /api/addresses, the server's rule in
 * server/http/publicOrigin.ts): every link, QR code and "type it at …" uses it, never the
 * `localhost` the facilitator may have opened. Asked once per page load and shared by every
 * component; a facilitator may pick another of the server's addresses (kept on this device).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { AddressesResponse } from '../shared/api.ts';
import { isLoopbackHost } from '../shared/loopbackHost.ts';
import { loadIdentity } from './identity.ts';
import { parseRoute } from './routes.ts';

export interface PublicOrigin {
  /** The origin links use (`window.location.origin` until the server has answered). */
  origin: string;
  /** `origin`'s host and port, as "type it at …" says it. */
  host: string;
  /** Every origin the server can be reached at, to choose from. */
  addresses: readonly string[];
  /** PUBLIC_URL is set: the links work beyond the room's network. */
  publicUrl: boolean;
  /** Links use this one of `addresses` from now on, on this device. */
  choose(origin: string): void;
}

interface Known {
  origin: string;
  addresses: readonly string[];
  publicUrl: boolean;
}

const CHOICE_KEY = 'continuum:linkOrigin';

let known: PublicOrigin | null = null;
let asked: Promise<AddressesResponse | null> | null = null;
const listeners = new Set<() => void>();

function publish(next: Known): void {
  known = {
    ...next,
    host: hostOf(next.origin),
    choose,
  };
  for (const listener of listeners) listener();
}

function choose(origin: string): void {
  if (!known?.addresses.includes(origin)) return;
  try {
    localStorage.setItem(CHOICE_KEY, origin);
  } catch {
    // private mode: the choice lasts for this page
  }
  publish({ ...known, origin });
}

function storedChoice(addresses: readonly string[]): string | null {
  try {
    const choice = localStorage.getItem(CHOICE_KEY);
    return choice !== null && addresses.includes(choice) ? choice : null;
  } catch {
    return null;
  }
}

/** Asks the server once; null when it cannot say (an older server, offline). */
export function loadPublicOrigin(): Promise<AddressesResponse | null> {
  asked ??= fetch('/api/addresses')
    .then(async (response) => {
      if (!response.ok) return null;
      const body = (await response.json()) as AddressesResponse;
      const addresses = body.addresses.includes(body.origin)
        ? body.addresses
        : [body.origin, ...body.addresses];
      publish({
        origin: storedChoice(addresses) ?? body.origin,
        addresses,
        publicUrl: body.publicUrl,
      });
      return body;
    })
    .catch(() => null);
  return asked;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): PublicOrigin {
  if (known === null) {
    const here = window.location.origin;
    known = {
      origin: here,
      host: window.location.host,
      addresses: [here],
      publicUrl: false,
      choose,
    };
  }
  return known;
}

export function usePublicOrigin(): PublicOrigin {
  useEffect(() => {
    void loadPublicOrigin();
  }, []);
  return useSyncExternalStore(subscribe, snapshot);
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/**
 * Where a page opened on loopback moves to, or null to stay: identities and offline copies
 * live per origin, so the facilitator moves before anything is stored, taking the board's token
 * along in the fragment (from the link, or the identity stored on loopback before).
 */
export function roomAddressFor(
  location: Pick<Location, 'hostname' | 'origin' | 'pathname' | 'hash'>,
  roomOrigin: string,
  storedToken: (boardId: string) => string | null,
): string | null {
  if (!isLoopbackHost(location.hostname)) return null;
  let target: URL;
  try {
    target = new URL(roomOrigin);
  } catch {
    return null;
  }
  if (isLoopbackHost(target.hostname) || target.origin === location.origin) return null;
  const base = roomOrigin.replace(/\/+$/, '');
  const route = parseRoute(location);
  switch (route.page) {
    case 'start':
      return `${base}/`;
    case 'join':
      return `${base}${location.pathname}${location.hash}`;
    case 'board': {
      const token = route.token ?? storedToken(route.boardId);
      const fragment = token ? `#token=${encodeURIComponent(token)}` : '';
      return `${base}/b/${route.boardId}${fragment}`;
    }
    case 'report':
      return null; // printed where it is opened; it needs the identity stored here
    default:
      return route satisfies never;
  }
}

/** How long a page on loopback waits for the server's answer before it opens where it is. */
const MOVE_WAIT_MS = 3_000;

/** The move for this page, once the server has said where the room reaches it. */
export async function roomAddressMove(): Promise<string | null> {
  if (!isLoopbackHost(window.location.hostname)) return null;
  const answer = await Promise.race([
    loadPublicOrigin(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), MOVE_WAIT_MS)),
  ]);
  if (answer === null) return null;
  const target = roomAddressFor(
    window.location,
    answer.origin,
    (boardId) => loadIdentity(boardId)?.token ?? null,
  );
  if (target === null) return null;
  // A tunnel to localhost (SSH, a container's published port, a VPN) reaches the server where
  // its network address may not: move only where the server answers from this browser too.
  return (await answers(new URL(target).origin)) ? target : null;
}

/** How long the room's address has to answer from this browser. */
const REACH_WAIT_MS = 2_000;

/** Whether `origin` answers at all (an opaque answer is enough: it is there). */
async function answers(origin: string): Promise<boolean> {
  try {
    await fetch(`${origin}/api/time`, {
      mode: 'no-cors',
      cache: 'no-store',
      signal: AbortSignal.timeout(REACH_WAIT_MS),
    });
    return true;
  } catch {
    return false;
  }
}
