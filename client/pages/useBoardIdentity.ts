/**
 * Who this browser is on a board: from a facilitator (or other) link's token, asked of the
 * server once (early, by public/early-me.js, where it could), or from the identity stored when
 * joining; without either, off to the join page. A link whose token is the stored identity's
 * is not asked about again: the websocket refuses a token that no longer counts.
 */
import { useLayoutEffect, useState } from 'react';
import type { MeResponse } from '../../shared/api.ts';
import { api } from '../api.ts';
import { type BoardIdentity, loadIdentity, saveIdentity } from '../identity.ts';
import { navigate } from '../routes.ts';
import { earlyMe, earlyMeAnswered } from './earlyMe.ts';

export type IdentityState =
  | { kind: 'loading' }
  | { kind: 'ready'; identity: BoardIdentity }
  /** The failure, worded where it is shown (useAsyncAction.ts's failureText). */
  | { kind: 'error'; caught: unknown };

/** Who this is, where that is known without waiting: stored, or the early answer already in. */
function knownAtOnce(boardId: string, tokenFromLink: string | null): IdentityState {
  const stored = loadIdentity(boardId);
  if (stored && (!tokenFromLink || stored.token === tokenFromLink)) {
    return { kind: 'ready', identity: stored };
  }
  const answered = tokenFromLink ? earlyMeAnswered(boardId, tokenFromLink) : null;
  if (answered && tokenFromLink) {
    return { kind: 'ready', identity: identityOf(answered, tokenFromLink) };
  }
  return { kind: 'loading' };
}

function identityOf(me: MeResponse, token: string): BoardIdentity {
  return { participantId: me.participantId, token, role: me.role, name: me.name };
}

/** The same person as already shown: kept, so the board below is not rendered again for it. */
function ready(known: BoardIdentity) {
  return (current: IdentityState): IdentityState =>
    current.kind === 'ready' &&
    current.identity.participantId === known.participantId &&
    current.identity.token === known.token &&
    current.identity.role === known.role &&
    current.identity.name === known.name
      ? current
      : { kind: 'ready', identity: known };
}

export function useBoardIdentity(boardId: string, tokenFromLink: string | null): IdentityState {
  const [identity, setIdentity] = useState<IdentityState>(() =>
    knownAtOnce(boardId, tokenFromLink),
  );
  // A layout effect: where who this is was known at once, the board below renders in the same
  // commit, and its connection (a passive effect) may hear the token refused; the identity is
  // saved, and the token taken out of the address bar, before that and before the first paint.
  useLayoutEffect(() => {
    if (!tokenFromLink) {
      const stored = loadIdentity(boardId);
      if (stored) setIdentity(ready(stored));
      // Replaced, not pushed: Back must not land on this redirect again.
      else navigate(`/join/${boardId}`, { replace: true });
      return;
    }
    // A facilitator (or other) link: learn who the token is, keep it, and take it out of the
    // address bar so it is not shown on a projector or copied by accident.
    const stored = loadIdentity(boardId);
    if (stored?.token === tokenFromLink) {
      window.history.replaceState(null, '', `/b/${boardId}`);
      setIdentity(ready(stored));
      return;
    }
    const keep = (me: MeResponse) => {
      const known = identityOf(me, tokenFromLink);
      saveIdentity(boardId, known);
      window.history.replaceState(null, '', `/b/${boardId}`);
      return known;
    };
    const answered = earlyMeAnswered(boardId, tokenFromLink);
    if (answered) {
      setIdentity(ready(keep(answered)));
      return;
    }
    let cancelled = false;
    (earlyMe(boardId, tokenFromLink) ?? api.me(boardId, tokenFromLink)).then(
      (me) => {
        const known = keep(me);
        if (!cancelled) setIdentity(ready(known));
      },
      (caught: unknown) => {
        if (!cancelled) {
          setIdentity({ kind: 'error', caught });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [boardId, tokenFromLink]);
  return identity;
}
