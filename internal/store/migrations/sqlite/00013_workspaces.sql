-- +goose Up
-- Communities as workspaces: the users who work in each (a user may work in
-- several) and the rules that give a message without a community from its
-- account one by language, keywords or place (first match by position).
ALTER TABLE communities ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

CREATE TABLE community_members (
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX community_members_user ON community_members (user_id);

CREATE TABLE community_rules (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    langs        TEXT NOT NULL DEFAULT '[]',
    keywords     TEXT NOT NULL DEFAULT '[]',
    places       TEXT NOT NULL DEFAULT '[]',
    created_at   INTEGER NOT NULL
);

-- +goose Down
DROP TABLE community_rules;
DROP INDEX community_members_user;
DROP TABLE community_members;
ALTER TABLE communities DROP COLUMN updated_at;
