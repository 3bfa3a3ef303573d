/**
 * A board's timeline (shared/timeline.ts) as the store keeps it: one row per entry, the entry as
 * JSON. Reading checks every entry again, so a damaged row is left out rather than replayed.
 */
import type { Snapshot } from '../../shared/snapshot/schema.ts';
import type { TimelineEntry } from '../../shared/timeline.ts';
import { timelineEntrySchema } from '../../shared/timelineSchema.ts';
import type { StoredTimelineEntry, TimelineStore } from './store.ts';

/** The rows that store `entries`, in order. */
export function timelineRows(entries: readonly TimelineEntry[]): StoredTimelineEntry[] {
  return entries.map((entry) => ({ at: entry.at, entry: JSON.stringify(entry) }));
}

/** A board's stored timeline, oldest first; an entry that does not parse is skipped. */
export async function readTimeline(
  store: TimelineStore,
  boardId: string,
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (const row of await store.loadTimeline(boardId)) {
    try {
      const parsed = timelineEntrySchema.safeParse(JSON.parse(row.entry));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // not JSON: skipped like any entry that does not parse
    }
  }
  return entries;
}

/**
 * The snapshot with the board's timeline, which lives in the store, not the document the
 * snapshot is built from; as it was when nothing was recorded.
 */
export async function withTimeline(
  snapshot: Snapshot,
  store: TimelineStore,
  boardId: string,
): Promise<Snapshot> {
  const timeline = await readTimeline(store, boardId);
  return timeline.length > 0 ? { ...snapshot, timeline } : snapshot;
}
