-- +goose Up
-- People: a person groups identities (authors rows, one per channel and
-- handle). An author without a person is a person of its own until grouped;
-- the store keeps person_id consistent (no foreign key: SQLite could not drop it).
CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL
);
ALTER TABLE authors ADD COLUMN person_id INTEGER;
CREATE INDEX authors_person ON authors (person_id);

-- Retention per community: messages older than days are purged on a schedule.
CREATE TABLE community_retention (
    community_id INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    days         INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX messages_community_created ON messages (community_id, created_at);
CREATE INDEX incident_messages_message ON incident_messages (message_id);

-- +goose Down
DROP INDEX incident_messages_message;
DROP INDEX messages_community_created;
DROP TABLE community_retention;
DROP INDEX authors_person;
ALTER TABLE authors DROP COLUMN person_id;
DROP TABLE people;
