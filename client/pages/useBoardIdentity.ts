/**
 * Who this browser is on a board: from a facilitator (or other) link's token, asked of the
 * server once (early, by public/early-me.js, where it could), or from the identity stored when
 * joining; without either, off to the join page. A link whose token is the stored identity's
 * is not asked about again: the websocket refuses a token that no longer counts.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { type BoardIdentity, loadIdentity, saveIdentity } from '../identity.ts';
import { navigate } from '../routes.ts';
import { earlyMe } from './earlyMe.ts';

export type IdentityState =
  | { kind: 'loading' }
  | { kind: 'ready'; identity: BoardIdentity }
  /** The failure, worded where it is shown (useAsyncAction.ts's failureText). */
  | { kind: 'error'; caught: unknown };

export function useBoardIdentity(boardId: string, tokenFromLink: string | null): IdentityState {
  const [identity, setIdentity] = useState<IdentityState>({ kind: 'loading' });
  useEffect(() => {
    if (!tokenFromLink) {
      const stored = loadIdentity(boardId);
      if (stored) setIdentity({ kind: 'ready', identity: stored });
      // Replaced, not pushed: Back must not land on this redirect again.
      else navigate(`/join/${boardId}`, { replace: true });
      return;
    }
    // A facilitator (or other) link: learn who the token is, keep it, and take it out of the
    // address bar so it is not shown on a projector or copied by accident.
    const stored = loadIdentity(boardId);
    if (stored?.token === tokenFromLink) {
      window.history.replaceState(null, '', `/b/${boardId}`);
      setIdentity({ kind: 'ready', identity: stored });
      return;
    }
    let cancelled = false;
    (earlyMe(boardId, tokenFromLink) ?? api.me(boardId, tokenFromLink)).then(
      (me) => {
        const known: BoardIdentity = {
          participantId: me.participantId,
          token: tokenFromLink,
          role: me.role,
          name: me.name,
        };
        saveIdentity(boardId, known);
        window.history.replaceState(null, '', `/b/${boardId}`);
        if (!cancelled) setIdentity({ kind: 'ready', identity: known });
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
