/**
 * PostgreSQL migrations, in order; the same tables and meanings as the SQLite schema so both
 * stores answer identically. Never edit a released migration: add the next one.
 */
import type { Migration } from "../migration.js";

/** Every PostgreSQL schema step, applied by the postgres store's migrate() in version order. */
export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: "initial",
    sql: `
-- Times are ISO 8601 UTC text with milliseconds, exactly as on the wire and as in SQLite:
-- no conversion on the way in or out, so both stores return identical strings.

CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  handle      TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  email       TEXT,
  avatar_url  TEXT,
  role        TEXT NOT NULL CHECK (role IN ('guest', 'member', 'moderator')),
  created_at  TEXT NOT NULL
);

-- Guest handles are guest_<n>; a sequence never hands out one number twice, even to
-- instances asking at the same instant, and SQLite's counter also starts at 100001.
CREATE SEQUENCE guest_handle_seq START WITH 100001;

CREATE TABLE articles (
  id             TEXT PRIMARY KEY,
  last_seq       BIGINT NOT NULL DEFAULT 0,
  comment_count  INTEGER NOT NULL DEFAULT 0,
  moderation     TEXT CHECK (moderation IN ('post', 'pre')),
  closed_at      TEXT,
  created_at     TEXT NOT NULL
);

CREATE TABLE comments (
  id           TEXT PRIMARY KEY,
  article_id   TEXT NOT NULL REFERENCES articles (id),
  parent_id    TEXT REFERENCES comments (id),
  root_id      TEXT REFERENCES comments (id),
  author_id    TEXT NOT NULL REFERENCES users (id),
  body         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('published', 'pending', 'removed')),
  seq          BIGINT NOT NULL,
  -- the seq the comment was created with: a stable creation order within the article
  created_seq  BIGINT NOT NULL,
  created_at   TEXT NOT NULL,
  edited_at    TEXT,
  reply_count  INTEGER NOT NULL DEFAULT 0,
  score        INTEGER NOT NULL DEFAULT 0,
  client_key   TEXT
);
CREATE UNIQUE INDEX comments_article_seq ON comments (article_id, seq);
CREATE INDEX comments_roots ON comments (article_id, parent_id, created_seq);
CREATE INDEX comments_roots_top ON comments (article_id, parent_id, score, created_seq);
CREATE INDEX comments_thread ON comments (root_id, created_seq);
CREATE UNIQUE INDEX comments_client_key ON comments (author_id, client_key)
  WHERE client_key IS NOT NULL;

CREATE TABLE notifications (
  id          TEXT PRIMARY KEY,
  -- insertion order, the tie-breaker between notifications of the same instant (SQLite: rowid)
  pos         BIGINT GENERATED ALWAYS AS IDENTITY,
  user_id     TEXT NOT NULL REFERENCES users (id),
  type        TEXT NOT NULL CHECK (type IN ('reply', 'comment')),
  article_id  TEXT NOT NULL,
  comment_id  TEXT NOT NULL REFERENCES comments (id),
  created_at  TEXT NOT NULL,
  read_at     TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at, pos);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE subscriptions (
  user_id     TEXT NOT NULL REFERENCES users (id),
  article_id  TEXT NOT NULL,
  notify      TEXT NOT NULL CHECK (notify IN ('none', 'replies', 'all')),
  PRIMARY KEY (user_id, article_id)
);
CREATE INDEX subscriptions_article ON subscriptions (article_id, notify);

-- Trust and safety: one vote per user per comment, reports, and the moderation log.
CREATE TABLE votes (
  comment_id  TEXT NOT NULL REFERENCES comments (id),
  user_id     TEXT NOT NULL REFERENCES users (id),
  value       SMALLINT NOT NULL CHECK (value IN (-1, 1)),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE reports (
  id          TEXT PRIMARY KEY,
  comment_id  TEXT NOT NULL REFERENCES comments (id),
  user_id     TEXT NOT NULL REFERENCES users (id),
  reason      TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (comment_id, user_id)
);

CREATE TABLE moderation_log (
  id            TEXT PRIMARY KEY,
  comment_id    TEXT,
  article_id    TEXT NOT NULL,
  moderator_id  TEXT NOT NULL,
  action        TEXT NOT NULL,
  reason        TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX moderation_log_article ON moderation_log (article_id, created_at);
`,
  },
  {
    version: 2,
    name: "moderation indexes",
    sql: `
-- The moderation queue: pending comments oldest first, and "reports since the last decision on
-- this comment", which looks up the newest log entry per comment.
CREATE INDEX comments_pending ON comments (created_at, id) WHERE status = 'pending';
CREATE INDEX moderation_log_comment ON moderation_log (comment_id, created_at);
`,
  },
  {
    version: 3,
    name: "article pages",
    sql: `
-- An article's page: its title and canonical URL, kept from the first verified value (the embed
-- sends them; an import brings them). NULL until known.
ALTER TABLE articles ADD COLUMN title TEXT;
ALTER TABLE articles ADD COLUMN url TEXT;
`,
  },
  {
    version: 9,
    name: "account deletion",
    sql: `
-- A deleted account keeps its row (comments, votes and reports point at it) without the person:
-- name, handle, email and avatar are replaced, and deleted_at makes its tokens stop working.
ALTER TABLE users ADD COLUMN deleted_at TEXT;
-- Export and deletion find a user's comments without a scan.
CREATE INDEX comments_author ON comments (author_id, created_seq);
`,
  },
];
