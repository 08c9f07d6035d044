-- +goose Up
-- The library of answers and key messages (internal/knowledge). Lists are
-- JSON arrays of strings; times are unix microseconds, expires_at 0 for never.
CREATE TABLE answers (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT 'answer',
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    communities TEXT NOT NULL DEFAULT '[]',
    classes     TEXT NOT NULL DEFAULT '[]',
    departments TEXT NOT NULL DEFAULT '[]',
    tags        TEXT NOT NULL DEFAULT '[]',
    examples    TEXT NOT NULL DEFAULT '[]',
    state       TEXT NOT NULL DEFAULT 'draft',
    owner       TEXT NOT NULL DEFAULT '',
    expires_at  INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL,
    uses        INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX answers_state ON answers (state, id);

-- Every version of every answer, the current one included, as the JSON of
-- the answer: a change never overwrites what was there before.
CREATE TABLE answer_versions (
    answer_id  TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    snapshot   TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (answer_id, version)
);

-- Each time an agent sent an answer for a message.
CREATE TABLE answer_uses (
    id         INTEGER PRIMARY KEY,
    answer_id  TEXT NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
    actor      TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX answer_uses_answer ON answer_uses (answer_id, id);
CREATE INDEX answer_uses_message ON answer_uses (message_id);

-- +goose Down
DROP TABLE answer_uses;
DROP TABLE answer_versions;
DROP TABLE answers;
