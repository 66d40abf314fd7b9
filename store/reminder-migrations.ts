import type { Migration } from './migration';

/**
 * The reminders' tables (issue 4, versions 10–19), listed in store/migrations.ts.
 *  - reminder_conversations: where the bot can reach people (conversation references as JSON).
 *  - reminder_deliveries: one row per (rule, occurrence, target); its primary key IS the
 *    at-most-once guarantee (an INSERT … ON CONFLICT DO NOTHING claim, see reminder-store.ts).
 *  - reminder_leases: which instance runs the scheduler (so one throttle governs the tenant's rate).
 *  - reminder_marks: the scheduler's high-water mark, so downtime can be caught up or skipped.
 * Times: SQLite TEXT ISO UTC ('…Z', compares as text); PostgreSQL TIMESTAMPTZ.
 */
export const REMINDER_TABLES_MIGRATION: Migration = {
  version: 10,
  name: 'create_reminder_tables',
  sqlite: `
    CREATE TABLE reminder_conversations (
      conversation_id         TEXT    PRIMARY KEY,
      kind                    TEXT    NOT NULL CHECK (kind IN ('personal', 'groupChat', 'channel', 'unknown')),
      reference               TEXT    NOT NULL,
      tenant_id               TEXT,
      team_id                 TEXT,
      user_aad_object_id      TEXT,
      active                  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      subscription            TEXT    CHECK (subscription IN ('subscribed', 'unsubscribed')),
      subscription_changed_at TEXT,
      subscription_changed_by TEXT,
      first_seen_at           TEXT    NOT NULL,
      last_seen_at            TEXT    NOT NULL,
      deactivated_at          TEXT,
      deactivated_reason      TEXT
    ) STRICT;
    CREATE INDEX reminder_conversations_team_idx ON reminder_conversations (team_id);
    CREATE INDEX reminder_conversations_user_idx ON reminder_conversations (user_aad_object_id);
    CREATE TABLE reminder_deliveries (
      rule_id        TEXT    NOT NULL,
      occurrence_key TEXT    NOT NULL,
      target_id      TEXT    NOT NULL,
      due_at         TEXT    NOT NULL,
      status         TEXT    NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'retry', 'skipped', 'uncertain')),
      instance_id    TEXT    NOT NULL,
      claimed_at     TEXT    NOT NULL,
      finished_at    TEXT,
      late           INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
      attempts       INTEGER NOT NULL DEFAULT 0,
      detail         TEXT,
      PRIMARY KEY (rule_id, occurrence_key, target_id)
    ) STRICT;
    CREATE INDEX reminder_deliveries_status_idx ON reminder_deliveries (status, claimed_at);
    CREATE TABLE reminder_leases (
      name       TEXT PRIMARY KEY,
      holder     TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE reminder_marks (
      name    TEXT PRIMARY KEY,
      mark_at TEXT NOT NULL
    ) STRICT;
  `,
  postgres: `
    CREATE TABLE reminder_conversations (
      conversation_id         TEXT        PRIMARY KEY,
      kind                    TEXT        NOT NULL CHECK (kind IN ('personal', 'groupChat', 'channel', 'unknown')),
      reference               JSONB       NOT NULL,
      tenant_id               TEXT,
      team_id                 TEXT,
      user_aad_object_id      TEXT,
      active                  BOOLEAN     NOT NULL DEFAULT TRUE,
      subscription            TEXT        CHECK (subscription IN ('subscribed', 'unsubscribed')),
      subscription_changed_at TIMESTAMPTZ,
      subscription_changed_by TEXT,
      first_seen_at           TIMESTAMPTZ NOT NULL,
      last_seen_at            TIMESTAMPTZ NOT NULL,
      deactivated_at          TIMESTAMPTZ,
      deactivated_reason      TEXT
    );
    CREATE INDEX reminder_conversations_team_idx ON reminder_conversations (team_id);
    CREATE INDEX reminder_conversations_user_idx ON reminder_conversations (user_aad_object_id);
    CREATE TABLE reminder_deliveries (
      rule_id        TEXT        NOT NULL,
      occurrence_key TEXT        NOT NULL,
      target_id      TEXT        NOT NULL,
      due_at         TIMESTAMPTZ NOT NULL,
      status         TEXT        NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'retry', 'skipped', 'uncertain')),
      instance_id    TEXT        NOT NULL,
      claimed_at     TIMESTAMPTZ NOT NULL,
      finished_at    TIMESTAMPTZ,
      late           BOOLEAN     NOT NULL DEFAULT FALSE,
      attempts       INTEGER     NOT NULL DEFAULT 0,
      detail         TEXT,
      PRIMARY KEY (rule_id, occurrence_key, target_id)
    );
    CREATE INDEX reminder_deliveries_status_idx ON reminder_deliveries (status, claimed_at);
    CREATE TABLE reminder_leases (
      name       TEXT        PRIMARY KEY,
      holder     TEXT        NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE reminder_marks (
      name    TEXT        PRIMARY KEY,
      mark_at TIMESTAMPTZ NOT NULL
    );
  `,
};
