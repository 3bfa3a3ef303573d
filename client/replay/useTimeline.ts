/**
 * The board's figures over the day (shared/timeline.ts), fetched for a facilitator and folded
 * into whole moments. Fetched once when asked for; `reload` fetches again (a live board goes on
 * recording).
 */
import { useCallback, useEffect, useState } from 'react';
import { replayTimeline, type TimelineEntry, type TimelineMoment } from '../../shared/timeline.ts';
import { distributionVisible } from '../../shared/visibility.ts';
import { api } from '../api.ts';

export type TimelineState =
  | { status: 'loading' }
  | { status: 'failed'; caught: unknown }
  | { status: 'ready'; moments: TimelineMoment[] };

/**
 * The moments whose figures the room was shown (revealed, discussing, final): a moment of a
 * silent round is folded in but never shown, so neither a replay on a projected screen nor the
 * printed report gives away what the room had not yet seen.
 */
function shownMoments(entries: readonly TimelineEntry[]): TimelineMoment[] {
  return replayTimeline(entries).filter((moment) =>
    distributionVisible(moment.phase, 'participant', false),
  );
}

/** `enabled` false: nothing is fetched (only facilitators may read it). */
export function useTimeline(
  boardId: string,
  token: string,
  enabled = true,
): TimelineState & { reload: () => void } {
  const [state, setState] = useState<TimelineState>({ status: 'loading' });
  const [asked, setAsked] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `asked` is the reload's trigger
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setState({ status: 'loading' });
    api.timeline(boardId, token).then(
      (response) => {
        if (current) setState({ status: 'ready', moments: shownMoments(response.entries) });
      },
      (caught: unknown) => {
        if (current) setState({ status: 'failed', caught });
      },
    );
    return () => {
      current = false;
    };
  }, [boardId, token, enabled, asked]);
  const reload = useCallback(() => setAsked((count) => count + 1), []);
  return { ...state, reload };
}
