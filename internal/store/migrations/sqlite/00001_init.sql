-- +goose Up
CREATE TABLE communities (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'market',
    created_at INTEGER NOT NULL
);

CREATE TABLE channels (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    channel_id   INTEGER NOT NULL REFERENCES channels(id),
    handle       TEXT NOT NULL,
    community_id INTEGER REFERENCES communities(id),
    config       TEXT NOT NULL DEFAULT '{}',
    created_at   INTEGER NOT NULL,
    UNIQUE (channel_id, handle)
);

CREATE TABLE authors (
    id            INTEGER PRIMARY KEY,
    channel       TEXT NOT NULL,
    handle        TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    followers     INTEGER NOT NULL DEFAULT 0,
    first_seen_at INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    UNIQUE (channel, handle)
);

CREATE TABLE threads (
    id               INTEGER PRIMARY KEY,
    channel          TEXT NOT NULL,
    root_external_id TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    last_message_at  INTEGER NOT NULL,
    UNIQUE (channel, root_external_id)
);

CREATE TABLE departments (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    classes              TEXT NOT NULL DEFAULT '[]',
    sla_first_response_s INTEGER NOT NULL DEFAULT 0,
    sla_resolution_s     INTEGER NOT NULL DEFAULT 0,
    business_hours       TEXT NOT NULL DEFAULT '{}',
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

CREATE TABLE routing_rules (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    position   INTEGER NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 1,
    conditions TEXT NOT NULL,
    actions    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE user_departments (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    department TEXT NOT NULL,
    PRIMARY KEY (user_id, department)
);

CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    channel           TEXT NOT NULL,
    external_id       TEXT NOT NULL,
    thread_id         INTEGER NOT NULL REFERENCES threads(id),
    author_id         INTEGER NOT NULL REFERENCES authors(id),
    community_id      INTEGER REFERENCES communities(id),
    text              TEXT NOT NULL,
    lang              TEXT NOT NULL DEFAULT '',
    url               TEXT NOT NULL DEFAULT '',
    in_reply_to       TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,
    received_at       INTEGER NOT NULL,
    routed_at         INTEGER NOT NULL,
    sentiment         TEXT NOT NULL DEFAULT 'neutral',
    sentiment_score   REAL NOT NULL DEFAULT 0,
    class             TEXT NOT NULL DEFAULT 'noise',
    confidence        REAL NOT NULL DEFAULT 0,
    model_version     TEXT NOT NULL DEFAULT '',
    signals           TEXT NOT NULL DEFAULT '[]',
    department        TEXT NOT NULL DEFAULT '',
    priority          TEXT NOT NULL DEFAULT 'normal',
    status            TEXT NOT NULL DEFAULT 'new',
    requires_approval INTEGER NOT NULL DEFAULT 0,
    escalated         INTEGER NOT NULL DEFAULT 0,
    assignee_id       INTEGER REFERENCES users(id),
    UNIQUE (channel, external_id)
);
CREATE INDEX messages_created ON messages (created_at, id);
CREATE INDEX messages_department ON messages (department, created_at, id);
CREATE INDEX messages_thread ON messages (thread_id, created_at);
CREATE INDEX messages_author ON messages (author_id);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
    text, content = 'messages', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- New messages are indexed by the store, one statement per batch, not by an
-- insert trigger: FTS5 flushes its buffer at every statement's savepoint,
-- which would write one index segment per message.
-- +goose StatementBegin
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
-- +goose StatementEnd

CREATE TABLE routing_decisions (
    id              INTEGER PRIMARY KEY,
    message_id      INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    department      TEXT NOT NULL,
    class           TEXT NOT NULL,
    confidence      REAL NOT NULL,
    rule            TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL,
    model_version   TEXT NOT NULL DEFAULT '',
    from_department TEXT NOT NULL DEFAULT '',
    from_class      TEXT NOT NULL DEFAULT '',
    actor_id        INTEGER REFERENCES users(id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX routing_decisions_message ON routing_decisions (message_id, id);
CREATE INDEX routing_decisions_kind ON routing_decisions (kind, id);

CREATE TABLE assignments (
    id            INTEGER PRIMARY KEY,
    message_id    INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    user_id       INTEGER REFERENCES users(id),
    assigned_by   INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX assignments_message ON assignments (message_id, id);

CREATE TABLE replies (
    id             INTEGER PRIMARY KEY,
    message_id     INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    author_id      INTEGER REFERENCES users(id),
    body           TEXT NOT NULL,
    status         TEXT NOT NULL,
    reviewer_id    INTEGER REFERENCES users(id),
    review_comment TEXT NOT NULL DEFAULT '',
    external_id    TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    sent_at        INTEGER
);
CREATE INDEX replies_message ON replies (message_id, id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL,
    user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL DEFAULT '',
    details    TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_created ON audit_log (created_at, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE dead_letters (
    id         INTEGER PRIMARY KEY,
    subject    TEXT NOT NULL,
    msg_key    TEXT NOT NULL DEFAULT '',
    payload    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

-- +goose Down
DROP TABLE dead_letters;
DROP TABLE settings;
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE replies;
DROP TABLE assignments;
DROP TABLE routing_decisions;
DROP TRIGGER messages_fts_update;
DROP TRIGGER messages_fts_delete;
DROP TABLE messages_fts;
DROP TABLE messages;
DROP TABLE user_departments;
DROP TABLE users;
DROP TABLE routing_rules;
DROP TABLE departments;
DROP TABLE threads;
DROP TABLE authors;
DROP TABLE accounts;
DROP TABLE channels;
DROP TABLE communities;
