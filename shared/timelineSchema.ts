/**
 * The timeline's entries (shared/timeline.ts) as they cross a boundary: read back from the store,
 * and in a snapshot file. Kept apart from timeline.ts so the pages that replay a timeline do not
 * load zod.
 */
import { z } from 'zod';
import { PHASES } from './boardDoc.ts';
import { MAX_ENTRY_CARDS, MAX_TIMELINE_ENTRIES, TIMELINE_SCALE } from './timeline.ts';
import { MIN_PLACEMENTS_FOR_DOTS } from './visibility.ts';

const thousandths = z
  .number()
  .int()
  .min(-10 * TIMELINE_SCALE)
  .max(TIMELINE_SCALE);
/** A position or a spread on the axis: 0 to 1, in thousandths. */
const onTheAxis = z.number().int().min(0).max(TIMELINE_SCALE);
/**
 * Median, IQR, r_wg and count: never a figure of fewer than three placements (MIN_PLACEMENTS_FOR_DOTS),
 * so neither a file nor a stored row can bring one in.
 */
const figuresSchema = z.tuple([
  onTheAxis,
  onTheAxis,
  thousandths,
  z.number().int().min(MIN_PLACEMENTS_FOR_DOTS).max(100_000),
]);

/** One entry: figures in thousandths, r_wg down to −10 (few, far apart positions). */
export const timelineEntrySchema = z.strictObject({
  at: z.number().int().min(0),
  phase: z.enum(PHASES),
  round: z.number().int().min(1).max(100_000),
  cards: z
    .record(z.string().min(1).max(200), figuresSchema.nullable())
    .refine((cards) => Object.keys(cards).length <= MAX_ENTRY_CARDS, {
      message: `at most ${MAX_ENTRY_CARDS} cards an entry`,
    }),
});

/** A whole timeline, oldest first (a snapshot's `timeline`). */
export const timelineSchema = z.array(timelineEntrySchema).max(MAX_TIMELINE_ENTRIES);
