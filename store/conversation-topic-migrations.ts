import type { Migration } from './migration';

/**
 * The follow-up context (issue 11, versions 30–39): one row per conversation and user, replaced on
 * every question about a goal, read only while `expires_at` lies ahead. Listed in store/migrations.ts.
 */
export const CONVERSATION_TOPICS_MIGRATION: Migration = {
  version: 30,
  name: 'create_conversation_topics',
  sqlite: `
    CREATE TABLE conversation_topics (
      conversation_id TEXT NOT NULL,
      user_id         TEXT NOT NULL,
      goal_id         TEXT NOT NULL,
      fact            TEXT,
      kpi_id          TEXT,
      expires_at      TEXT NOT NULL,
      PRIMARY KEY (conversation_id, user_id)
    ) STRICT;
    CREATE INDEX conversation_topics_expiry_idx ON conversation_topics (expires_at);
  `,
  postgres: `
    CREATE TABLE conversation_topics (
      conversation_id TEXT        NOT NULL,
      user_id         TEXT        NOT NULL,
      goal_id         TEXT        NOT NULL,
      fact            TEXT,
      kpi_id          TEXT,
      expires_at      TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (conversation_id, user_id)
    );
    CREATE INDEX conversation_topics_expiry_idx ON conversation_topics (expires_at);
  `,
};
