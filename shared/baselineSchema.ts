/**
 * The baseline's shape as zod checks it where it arrives from outside: in a snapshot file and
 * in a board command carried between server processes. The types are baseline.ts's; these
 * schemas must accept exactly them (checked below at compile time). Pure.
 */
import { z } from 'zod';
import type { BaselineCard, BaselineMatches, StoredBaseline } from './baseline.ts';

const id = z.string().min(1).max(64);
const figure = z.number().min(0).max(1).nullable();

export const baselineCardSchema = z.strictObject({
  id,
  elementId: id,
  texts: z
    .record(z.string().min(1).max(35), z.string().max(1000))
    .refine((texts) => Object.keys(texts).length <= 21, 'at most 21 languages'),
  n: z.int().min(0).max(100_000),
  median: figure,
  q1: figure,
  q3: figure,
  iqr: figure,
  rwg: z.number().min(-10).max(1).nullable(),
  agreed: figure,
});

export const baselineMatchesSchema = z.record(id, id.nullable());

export const storedBaselineSchema = z.strictObject({
  title: z.string().max(200),
  exportedAt: z.iso.datetime(),
  cards: z.array(baselineCardSchema).max(1000),
  manualMatches: baselineMatchesSchema,
});

// Each schema reads exactly its type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCard: Same<z.output<typeof baselineCardSchema>, BaselineCard> = true;
const sameMatches: Same<z.output<typeof baselineMatchesSchema>, BaselineMatches> = true;
const sameBaseline: Same<z.output<typeof storedBaselineSchema>, StoredBaseline> = true;
void [sameCard, sameMatches, sameBaseline];
