/**
 * The board's join code, asked of the server once with this screen's token (the facilitator's
 * and observers' links may read it); null until it arrives or when the token may not.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useBoardContext } from './BoardContext.tsx';

export function useJoinCode(): string | null {
  const { boardId, me } = useBoardContext();
  const [joinCode, setJoinCode] = useState<string | null>(null);
  useEffect(() => {
    api.me(boardId, me.token).then(
      (result) => setJoinCode(result.joinCode ?? null),
      () => undefined,
    );
  }, [boardId, me.token]);
  return joinCode;
}
