-- +goose Up
-- Connector accounts: what to listen to (config, JSON), the credentials sealed
-- with AES-GCM by the channel package (never in clear), and whether it runs.
ALTER TABLE accounts ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE accounts ADD COLUMN secrets TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;

-- The running state of each account, written by the supervisor: not audited.
CREATE TABLE account_states (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    status        TEXT NOT NULL DEFAULT 'stopped',
    cursor        TEXT NOT NULL DEFAULT '',
    last_event_at INTEGER NOT NULL DEFAULT 0,
    lag_ms        INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE account_states;
ALTER TABLE accounts DROP COLUMN updated_at;
ALTER TABLE accounts DROP COLUMN secrets;
ALTER TABLE accounts DROP COLUMN enabled;
