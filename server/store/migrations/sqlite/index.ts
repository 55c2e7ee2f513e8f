/**
 * SQLite migrations, in order. Kept as TypeScript strings so the build ships them with the code.
 * Never edit a released migration: add the next one.
 */
import type { Migration } from "../migration.js";

export const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: "initial",
    sql: `
-- Parley's first schema. Times are ISO 8601 UTC text with milliseconds, as on the wire.

CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  handle      TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  email       TEXT,
  avatar_url  TEXT,
  role        TEXT NOT NULL CHECK (role IN ('guest', 'member', 'moderator')),
  created_at  TEXT NOT NULL
);

-- Guest handles are guest_<n> with n from this counter, so they are unique and short.
CREATE TABLE counters (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('guest_handle', 100000);

CREATE TABLE articles (
  id             TEXT PRIMARY KEY,
  last_seq       INTEGER NOT NULL DEFAULT 0,
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
  seq          INTEGER NOT NULL,
  -- the seq the comment was created with: a stable creation order within the article
  created_seq  INTEGER NOT NULL,
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
  user_id     TEXT NOT NULL REFERENCES users (id),
  type        TEXT NOT NULL CHECK (type IN ('reply', 'comment')),
  article_id  TEXT NOT NULL,
  comment_id  TEXT NOT NULL REFERENCES comments (id),
  created_at  TEXT NOT NULL,
  read_at     TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
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
  value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
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
    version: 4,
    name: "who edited a comment",
    sql: `
-- 'author' or 'moderator' (a moderator editing someone else's comment); null: never edited.
ALTER TABLE comments ADD COLUMN edited_by TEXT;
`,
  },
  {
    version: 5,
    name: "host identities",
    sql: `
-- Host (single sign-on) users are found by the host's sub, kept here and never published; new
-- ones get a random id and a hashed handle. Rows made before keep their id, handle and comments.
ALTER TABLE users ADD COLUMN external_id TEXT;
-- The iat (seconds) of the token whose claims the row holds: an older token never overrides it.
ALTER TABLE users ADD COLUMN claims_iat INTEGER NOT NULL DEFAULT 0;
UPDATE users SET external_id = substr(id, 5) WHERE role <> 'guest' AND id LIKE 'sso:%';
CREATE UNIQUE INDEX users_external_id ON users (external_id);
-- A host sub such as guest_100001 took a guest's handle: guests keep guest_<digits> to themselves.
UPDATE users SET handle = handle || '-' || lower(hex(randomblob(4)))
  WHERE role <> 'guest' AND handle GLOB 'guest_[0-9]*' AND handle NOT GLOB 'guest_*[^0-9]*';
`,
  },
  {
    version: 6,
    name: "subscribers by user id",
    sql: `
-- The after-commit fan-out to \`all\` subscribers reads them in user id order, one keyset page at
-- a time: this index serves each page without sorting the whole list again.
DROP INDEX subscriptions_article;
CREATE INDEX subscriptions_article_notify ON subscriptions (article_id, notify, user_id);
`,
  },
  {
    version: 8,
    name: "imports",
    sql: `
-- Imports (WordPress, Disqus, Parley's own export): a comment keeps the id it had at its source
-- ("wordpress:<site>:<comment id>"), so a second run of the same import finds it and adds nothing.
ALTER TABLE comments ADD COLUMN source_id TEXT;
CREATE UNIQUE INDEX comments_source_id ON comments (source_id) WHERE source_id IS NOT NULL;
-- An imported author's address, kept apart from users.email: nothing ever mails it, and it
-- becomes an email only when its owner confirms it through the normal email flow.
ALTER TABLE users ADD COLUMN imported_email TEXT;
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
  {
    version: 10,
    name: "email, mentions, outbox",
    sql: `
-- Email preferences. An address is confirmed when email_confirmed holds that same address (a guest
-- followed the link, or the host's SSO token said email_verified): changing it unconfirms it.
ALTER TABLE users ADD COLUMN email_confirmed TEXT;
ALTER TABLE users ADD COLUMN email_replies INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN email_delivery TEXT NOT NULL DEFAULT 'instant'
  CHECK (email_delivery IN ('instant', 'hourly', 'daily', 'off'));
ALTER TABLE users ADD COLUMN last_mailed_at TEXT;

-- Mentions need 'mention' in the type CHECK: SQLite cannot alter a CHECK, so the table is rebuilt
-- with every row (rowid kept: it orders notifications of the same instant). mailed_at: the
-- notification was mailed, or was decided never to be (read in time, no confirmed address...).
CREATE TABLE notifications_v10 (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id),
  type        TEXT NOT NULL CHECK (type IN ('reply', 'comment', 'mention')),
  article_id  TEXT NOT NULL,
  comment_id  TEXT NOT NULL REFERENCES comments (id),
  created_at  TEXT NOT NULL,
  read_at     TEXT,
  mailed_at   TEXT
);
INSERT INTO notifications_v10 (rowid, id, user_id, type, article_id, comment_id, created_at,
  read_at, mailed_at)
  SELECT rowid, id, user_id, type, article_id, comment_id, created_at, read_at, created_at
  FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v10 RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications (created_at)
  WHERE read_at IS NULL AND mailed_at IS NULL;

-- The outbox: outgoing mail and webhooks, written in the transaction of what caused them and
-- sent by whichever instance claims them (claim + locked_until: a lease that a killed sender
-- lets run out). sent_at or dead_at ends a message's life.
CREATE TABLE outbox (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('email', 'webhook')),
  target           TEXT NOT NULL,
  payload          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  claim            TEXT,
  locked_until     TEXT,
  sent_at          TEXT,
  dead_at          TEXT,
  last_error       TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;
`,
  },
  {
    version: 11,
    name: "editors' picks",
    sql: `
-- Editors' picks: comments a moderator pinned to the top of their article (at most a few per
-- article, checked in the pinning transaction). No foreign key on comment_id: a pin never keeps
-- a comment row from being deleted; reads join comments and show published ones only.
CREATE TABLE article_pins (
  comment_id  TEXT PRIMARY KEY,
  article_id  TEXT NOT NULL,
  pinned_by   TEXT NOT NULL,
  pinned_at   TEXT NOT NULL
);
CREATE INDEX article_pins_article ON article_pins (article_id, pinned_at);
`,
  },
];
