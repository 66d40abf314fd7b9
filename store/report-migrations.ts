import type { Migration } from './migration';

/**
 * The KKR report's tables (issue 12, versions 20–29), listed in store/migrations.ts.
 *  - goal_explanations: staff's explanation of a goal per contract year; append-only (the newest
 *    row is the explanation, the older ones its history), idempotent on submission_id.
 *  - file_offers: each file offered with a consent card and its one answer (a replayed accept
 *    finds it answered and uploads nothing).
 */
export const REPORT_TABLES_MIGRATION: Migration = {
  version: 20,
  name: 'create_report_tables',
  sqlite: `
    CREATE TABLE goal_explanations (
      id               INTEGER PRIMARY KEY AUTOINCREMENT,
      contract_id      TEXT NOT NULL,
      goal_id          TEXT NOT NULL,
      text             TEXT NOT NULL,
      recorded_at      TEXT NOT NULL,
      recorded_by      TEXT NOT NULL,
      recorded_by_name TEXT,
      submission_id    TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX goal_explanations_goal_idx ON goal_explanations (contract_id, goal_id, id);
    CREATE TRIGGER goal_explanations_no_update BEFORE UPDATE ON goal_explanations
    BEGIN SELECT RAISE(ABORT, 'explanations are append-only: add a new row instead'); END;
    CREATE TRIGGER goal_explanations_no_delete BEFORE DELETE ON goal_explanations
    BEGIN SELECT RAISE(ABORT, 'explanations are append-only: add a new row instead'); END;
    CREATE TABLE file_offers (
      offer_id        TEXT PRIMARY KEY,
      kind            TEXT NOT NULL CHECK (kind IN ('report', 'export')),
      params          TEXT NOT NULL,
      file_name       TEXT NOT NULL,
      conversation_id TEXT NOT NULL,
      user_id         TEXT NOT NULL,
      created_at      TEXT NOT NULL,
      answer          TEXT CHECK (answer IN ('accepted', 'declined')),
      answered_at     TEXT
    ) STRICT;
  `,
  postgres: `
    CREATE TABLE goal_explanations (
      id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      contract_id      TEXT        NOT NULL,
      goal_id          TEXT        NOT NULL,
      text             TEXT        NOT NULL,
      recorded_at      TIMESTAMPTZ NOT NULL,
      recorded_by      TEXT        NOT NULL,
      recorded_by_name TEXT,
      submission_id    TEXT        NOT NULL UNIQUE
    );
    CREATE INDEX goal_explanations_goal_idx ON goal_explanations (contract_id, goal_id, id);
    CREATE FUNCTION goal_explanations_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'explanations are append-only: add a new row instead';
    END $$;
    CREATE TRIGGER goal_explanations_no_update_or_delete BEFORE UPDATE OR DELETE ON goal_explanations
      FOR EACH ROW EXECUTE FUNCTION goal_explanations_refuse_change();
    CREATE TABLE file_offers (
      offer_id        TEXT        PRIMARY KEY,
      kind            TEXT        NOT NULL CHECK (kind IN ('report', 'export')),
      params          TEXT        NOT NULL,
      file_name       TEXT        NOT NULL,
      conversation_id TEXT        NOT NULL,
      user_id         TEXT        NOT NULL,
      created_at      TIMESTAMPTZ NOT NULL,
      answer          TEXT        CHECK (answer IN ('accepted', 'declined')),
      answered_at     TIMESTAMPTZ
    );
  `,
};

/** The offered file's bytes, kept with the offer: the upload after consent is exactly the file the card announced (name, size). */
export const FILE_OFFER_CONTENT_MIGRATION: Migration = {
  version: 21,
  name: 'add_file_offer_content',
  sqlite: `ALTER TABLE file_offers ADD COLUMN content BLOB;`,
  postgres: `ALTER TABLE file_offers ADD COLUMN content BYTEA;`,
};
