/**
 * The board snapshot, version 3: the source of truth of an export and what a board is restored
 * from (docs/snapshot-format.md). Its shape is stated once, here, as zod schemas; every snapshot
 * type is derived from them. Pure.
 *
 * `exportedSnapshotSchema` is a snapshot as this server writes it, derived summaries included
 * (`docs/snapshot.schema.json` is generated from it). `snapshotFileShape` is what a file must hold
 * to be read back: the derived parts are optional and unchecked, since they are recomputed.
 */
import { z } from 'zod';
import { baselineCardSchema, baselineMatchesSchema } from '../baselineSchema.ts';
import { MAX_REASON_LENGTH, PHASES } from '../boardDoc.ts';
import { MAX_EARLIER_TEXTS, MAX_FORMER_IDS, MAX_RETIRED_CARDS } from '../rubricEdit.ts';
import { timelineSchema } from '../timelineSchema.ts';

export const SNAPSHOT_VERSION = 4;

/** Languages a rubric's texts may be translated into, per text. */
const MAX_TRANSLATIONS = 20;

const MAX_NOTE_LENGTH = 4000;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const time = z.iso.datetime({
  error: 'must be an ISO 8601 UTC time like 2025-05-01T09:30:00.000Z',
});
const position = z.number().min(0).max(1);
const round = z.int().min(1).max(100_000);

/**
 * A BCP 47 language tag as rubrics use it: a language, then optional subtags (`es`, `es-MX`,
 * `es-419`, `zh-Hant-TW`).
 */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const languageTag = z
  .string()
  .max(35)
  .regex(LANGUAGE_TAG_PATTERN, 'must be a language tag like es or es-MX');

/** A text in other languages, by language tag; each as long as the source text may be. */
const translations = <T extends z.ZodType>(value: T) =>
  z
    .record(languageTag, value)
    .refine(
      (byLanguage) => Object.keys(byLanguage).length <= MAX_TRANSLATIONS,
      `at most ${MAX_TRANSLATIONS} languages`,
    );

const axisEnd = text(200);

/** A card of the rubric, with its earlier texts when it was reworded after people placed it. */
const cardSchema = z.strictObject({
  id,
  text: text(1000),
  column: z.enum(['vendor', 'partnership']),
  language: languageTag.exactOptional(),
  translations: translations(text(1000)).exactOptional(),
  history: z
    .array(
      z.strictObject({
        text: text(1000),
        language: languageTag.exactOptional(),
        translations: translations(text(1000)).exactOptional(),
        until: z.number().int().min(0),
      }),
    )
    .max(MAX_EARLIER_TEXTS)
    .exactOptional(),
});

// Exactly optional: a snapshot's rubric is a board's `Rubric`, whose absent fields are absent.
const rubricSchema = z.strictObject({
  id,
  title: text(300),
  /** The language of the rubric's own texts; absent means English. */
  language: languageTag.exactOptional(),
  translations: translations(text(300)).exactOptional(),
  axis: z
    .strictObject({
      left: axisEnd,
      right: axisEnd,
      language: languageTag.exactOptional(),
      translations: translations(z.strictObject({ left: axisEnd, right: axisEnd })).exactOptional(),
    })
    .exactOptional(),
  elements: z
    .array(
      z.strictObject({
        id,
        name: text(200),
        language: languageTag.exactOptional(),
        translations: translations(text(200)).exactOptional(),
        cards: z.array(cardSchema).min(1).max(200),
      }),
    )
    .min(1)
    .max(50),
  /** Cards removed after people had placed them; their placements stay in this file. */
  retired: z
    .array(cardSchema.extend({ elementId: id, retiredAt: z.number().int().min(0) }))
    .max(MAX_RETIRED_CARDS)
    .exactOptional(),
  /** Ids of cards removed before anyone placed them: a new card never takes one. */
  formerIds: z.array(id).max(MAX_FORMER_IDS).exactOptional(),
});

const participantSchema = z.strictObject({
  /** The participant id on the board, or `p<N>` when anonymised. */
  id,
  /** The display name, or "Participant N" when anonymised. */
  name: text(60),
  organisation: text(80).optional(),
  color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'must be a colour like #0072B2'),
  joinedAt: time,
  proxy: z.boolean(),
  removed: z.boolean(),
});

const placementSchema = z.strictObject({
  participantId: id,
  cardId: id,
  /** The card's round: 1 plus the closed rounds of that card before it. */
  round,
  /** 0 = Vendor/Contractor, 1 = High Performance Partnership. */
  position,
  reason: z.string().min(1).max(MAX_REASON_LENGTH).optional(),
  /** Absent when unknown: a closed round keeps positions, not times, once a card moves again. */
  placedAt: time.optional(),
});

const finalSchema = z.strictObject({
  cardId: id,
  position,
  note: z.string().max(MAX_NOTE_LENGTH),
});

// ---------------------------------------------------------------------------------------------
// The derived summaries (consensus/ figures), as an export writes them.

/** A figure that is null where it is undefined (too few values). */
const figure = z.number().nullable();
const count = z.int().min(0);
const camp = z.strictObject({ count, mean: z.number() });

/** A card's consensus figures (`CardSummary`), with its outliers named by participant id. */
const cardSummarySchema = z.strictObject({
  n: count,
  missing: count,
  invalid: count,
  clamped: count,
  median: figure,
  mean: figure,
  trimmedMean: figure,
  q1: figure,
  q3: figure,
  iqr: figure,
  variance: figure,
  rwg: figure,
  rwgDisplay: figure,
  adMd: figure,
  cns: figure,
  withinBand: figure,
  delphiConsensus: z.boolean().nullable(),
  gvf: figure,
  polarized: z.boolean().nullable(),
  camps: z.strictObject({ low: camp, high: camp }).nullable(),
  bimodality: figure,
  bimodalityShown: z.boolean(),
  outliers: z.array(id),
  label: z.enum(['no-data', 'single', 'polarized', 'strong', 'moderate', 'weak']),
});

/** How a card moved since its previous round (`RoundComparison` without the two summaries). */
const roundChangeSchema = z.strictObject({
  medianChange: figure,
  iqrChange: figure,
  rwgChange: figure,
  distributionChange: figure,
  stable: z.boolean().nullable(),
  movedShare: figure,
  wilcoxon: z
    .strictObject({
      n: count,
      wPlus: z.number(),
      wMinus: z.number(),
      p: z.number(),
      exact: z.boolean(),
    })
    .nullable(),
});

const cardStatsSchema = z.strictObject({
  cardId: id,
  elementId: id,
  /** The card's current round. */
  round,
  summary: cardSummarySchema,
  change: roundChangeSchema.nullable(),
});

const elementSummarySchema = z.strictObject({
  position: figure,
  rwgJ: figure,
  adJ: figure,
  polarizedCount: count,
});

const summariesSchema = z.strictObject({
  /** In rubric order. */
  cards: z.array(cardStatsSchema),
  elements: z.array(z.strictObject({ elementId: id, summary: elementSummarySchema })),
  board: z.strictObject({ position: figure, rwg: figure }),
  /** Card ids, the most divided first (consensus/discussionOrder.ts). */
  discussionOrder: z.array(id),
});

/** cardId → its figures in a closed round, over the people who count now. */
const roundSummariesSchema = z.record(id, cardSummarySchema);

/**
 * The board's baseline (shared/baseline.ts): an earlier board's per-card figures, never its
 * people, and the facilitator's hand matches; `matches` (every board card → its baseline card)
 * is derived.
 */
function baselineObject<Matches extends z.ZodType>(matches: Matches) {
  return z.strictObject({
    title: z.string().max(200),
    exportedAt: time,
    cards: z.array(baselineCardSchema).max(1000),
    manualMatches: baselineMatchesSchema,
    matches,
  });
}

// ---------------------------------------------------------------------------------------------
// The snapshot, with its derived parts as given.

function snapshotObject<
  Summaries extends z.ZodType,
  RoundSummaries extends z.ZodType,
  BaselineMatches extends z.ZodType,
>(summaries: Summaries, roundSummaries: RoundSummaries, baselineMatches: BaselineMatches) {
  return z.strictObject({
    snapshotVersion: z.literal(SNAPSHOT_VERSION, {
      error: `must be ${SNAPSHOT_VERSION}: this server reads snapshot version ${SNAPSHOT_VERSION}`,
    }),
    exportedAt: time,
    anonymous: z.boolean(),
    board: z.strictObject({
      id: z.string().max(64),
      title: text(200),
      createdAt: time,
      organisations: z.array(text(80)).max(20),
    }),
    rubric: rubricSchema,
    /**
     * The languages the rubric has every text in, its own first (rubricLanguages); derived from
     * the rubric, so checked for its shape on import and written afresh by every export.
     */
    languages: z
      .array(languageTag)
      .min(1)
      .max(MAX_TRANSLATIONS + 1),
    session: z.strictObject({
      phase: z.enum(PHASES),
      round,
      roundCardIds: z.array(id).max(1000).nullable(),
    }),
    /** The people who place cards, in join order. */
    participants: z.array(participantSchema).max(2000),
    placements: z.array(placementSchema),
    rounds: z
      .array(
        z.strictObject({
          /** The session's round number when it closed. */
          round,
          cardIds: z.array(id).max(1000),
          closedAt: time,
          summaries: roundSummaries,
        }),
      )
      .max(1000),
    final: z.array(finalSchema),
    /** Derived from the rest (consensus/); ignored on import. */
    summaries,
    /**
     * The board's figures over the day (shared/timeline.ts), as the server recorded them;
     * absent when nothing was recorded. Figures only, no person: the same when anonymous.
     */
    timeline: timelineSchema.optional(),
    /** Optional: the board's baseline (the last retreat's figures), when it has one. */
    baseline: baselineObject(baselineMatches).optional(),
  });
}

/** A snapshot as this server exports it. */
export const exportedSnapshotSchema = snapshotObject(
  summariesSchema,
  roundSummariesSchema,
  z.record(id, id),
);

/** What a snapshot file must hold to be read back: the derived parts may be left out. */
export const snapshotFileShape = snapshotObject(
  z.unknown().optional(),
  z.unknown().optional(),
  z.unknown().optional(),
);

export type Snapshot = z.output<typeof exportedSnapshotSchema>;
export type SnapshotParticipant = z.output<typeof participantSchema>;
export type SnapshotPlacement = z.output<typeof placementSchema>;
export type SnapshotFinal = z.output<typeof finalSchema>;
export type SnapshotRound = Snapshot['rounds'][number];
export type SnapshotCardSummary = z.output<typeof cardSummarySchema>;
export type SnapshotRoundChange = z.output<typeof roundChangeSchema>;
export type SnapshotCardStats = z.output<typeof cardStatsSchema>;
export type SnapshotSummaries = z.output<typeof summariesSchema>;
export type SnapshotBaseline = NonNullable<Snapshot['baseline']>;
