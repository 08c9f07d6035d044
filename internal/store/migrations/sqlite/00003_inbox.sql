-- +goose Up
-- The agent inbox: sign-in sessions, internal notes and their @mentions, and
-- the indexes its queues read.
CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES users(id),
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX notes_message ON notes (message_id, id);

CREATE TABLE note_mentions (
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seen_at INTEGER,
    PRIMARY KEY (note_id, user_id)
);
CREATE INDEX note_mentions_user ON note_mentions (user_id, note_id);

CREATE INDEX messages_department_status ON messages (department, status, created_at, id);
CREATE INDEX messages_assignee ON messages (assignee_id, created_at, id);
CREATE INDEX messages_author_created ON messages (author_id, created_at);
CREATE INDEX replies_status ON replies (status, id);

-- Auto-assignment: how many open conversations a person takes, in which
-- languages, and whether they take new ones now.
CREATE TABLE agent_settings (
    user_id   INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    capacity  INTEGER NOT NULL DEFAULT 0,
    languages TEXT NOT NULL DEFAULT '',
    available INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

-- SLA alerts already raised, so each is raised once: kind is warn_first_response,
-- missed_first_response, warn_resolution or missed_resolution.
CREATE TABLE sla_alerts (
    message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, kind)
);

CREATE INDEX messages_unassigned ON messages (department, created_at, id) WHERE assignee_id IS NULL AND status <> 'resolved';

-- +goose Down
DROP INDEX messages_unassigned;
DROP TABLE sla_alerts;
DROP TABLE agent_settings;
DROP INDEX replies_status;
DROP INDEX messages_author_created;
DROP INDEX messages_assignee;
DROP INDEX messages_department_status;
DROP TABLE note_mentions;
DROP TABLE notes;
DROP TABLE sessions;
