/**
 * The PostgreSQL store's schema, as numbered migrations (migrations.ts applies them in order,
 * each once). A migration is never edited once released: a change is a new, higher version.
 *
 * The tables mirror SQLite's (sqlite.ts), so rows and their checksums copy over as they are:
 * - every table has a numeric identity id, the row's "rowid": the order tokens were inserted in
 *   (the creator is a board's first facilitator token) and the id a damaged row is reported by;
 * - `checksum` is bigint: a CRC-32 is unsigned and overflows integer;
 * - `boards.owner_epoch` is the fencing epoch (store.ts's claimBoard); it is not checksummed
 *   because it changes on every takeover, and a wrong epoch refuses a write, never hands one out.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE boards (
  id            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  board_id      text PRIMARY KEY,
  join_code     text NOT NULL UNIQUE,
  title         text NOT NULL,
  organisations text NOT NULL,
  created_at    bigint NOT NULL,
  checksum      bigint NOT NULL,
  owner_epoch   bigint NOT NULL DEFAULT 0
);
CREATE TABLE tokens (
  id             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  token_hash     bytea PRIMARY KEY,
  board_id       text NOT NULL REFERENCES boards(board_id) ON DELETE CASCADE,
  participant_id text NOT NULL,
  role           text NOT NULL,
  created_at     bigint NOT NULL,
  revoked_at     bigint,
  checksum       bigint NOT NULL
);
CREATE INDEX tokens_by_participant ON tokens(board_id, participant_id);
CREATE TABLE updates (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  board_id text NOT NULL REFERENCES boards(board_id) ON DELETE CASCADE,
  log      text NOT NULL CHECK (log IN ('board', 'view')),
  data     bytea NOT NULL,
  format   smallint NOT NULL,
  checksum bigint NOT NULL
);
CREATE INDEX updates_by_log ON updates(board_id, log, id);
CREATE TABLE write_probe (
  id smallint PRIMARY KEY CHECK (id = 1),
  at bigint NOT NULL
);
`,
  },
  {
    // A board's figures over the day (store.ts's TimelineStore), deleted with the board.
    version: 2,
    sql: `
CREATE TABLE timeline (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  board_id text NOT NULL REFERENCES boards(board_id) ON DELETE CASCADE,
  at       bigint NOT NULL,
  entry    text NOT NULL
);
CREATE INDEX timeline_by_board ON timeline(board_id, id);
`,
  },
];

/** The newest schema this code knows. */
export const LATEST_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));
