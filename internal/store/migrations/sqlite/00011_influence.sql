-- +goose Up
-- The interaction graph: who replied to, mentioned, reposted or quoted whom,
-- one row per message and target, extracted as messages arrive. Only author
-- ids are kept (no handle), so erasing an author leaves nothing identifying.
CREATE TABLE interactions (
    id               INTEGER PRIMARY KEY,
    message_id       INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    community_id     INTEGER,
    source_author_id INTEGER NOT NULL,
    target_author_id INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    UNIQUE (message_id, kind, target_author_id)
);
CREATE INDEX interactions_community ON interactions (community_id, created_at);
CREATE INDEX interactions_target ON interactions (target_author_id);
-- Handles are matched without case (networks treat @United and @united as one).
CREATE INDEX authors_channel_handle_lower ON authors (channel, lower(handle));

-- Influence per person and community (community_id 0: all communities). A
-- person is keyed by their lead identity: the smallest author id of the person.
CREATE TABLE influence_scores (
    community_id INTEGER NOT NULL,
    author_id    INTEGER NOT NULL,
    score        REAL NOT NULL,
    pagerank     REAL NOT NULL,
    reach        REAL NOT NULL,
    engagement   REAL NOT NULL,
    computed_at  INTEGER NOT NULL,
    PRIMARY KEY (community_id, author_id)
);
CREATE INDEX influence_scores_rank ON influence_scores (community_id, score);

-- Messages naming handles no author had when they were read: read again at
-- the next full recomputation, in case those handles wrote since (ids only).
CREATE TABLE interaction_retry (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);

-- +goose Down
DROP INDEX authors_channel_handle_lower;
DROP TABLE interaction_retry;
DROP TABLE influence_scores;
DROP TABLE interactions;
