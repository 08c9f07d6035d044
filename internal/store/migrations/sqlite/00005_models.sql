-- +goose Up
-- Routing models trained by the server from its starter data and its agents'
-- corrections. The one activated last is in use; the others allow rollback.
CREATE TABLE routing_models (
    id           INTEGER PRIMARY KEY,
    version      TEXT NOT NULL UNIQUE,
    data         BLOB NOT NULL,
    examples     INTEGER NOT NULL,
    corrections  INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    activated_at INTEGER
);

-- +goose Down
DROP TABLE routing_models;
