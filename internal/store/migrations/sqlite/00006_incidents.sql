-- +goose Up
-- Crisis incidents: opened by the detector's alerts, gathered messages,
-- escalation to general management and its notifications.
CREATE TABLE incidents (
    id                 INTEGER PRIMARY KEY,
    community          TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'open',
    severity           TEXT NOT NULL,
    title              TEXT NOT NULL,
    terms              TEXT NOT NULL,
    rule_name          TEXT NOT NULL,
    alerts             TEXT NOT NULL,
    started_at         INTEGER NOT NULL,
    opened_at          INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    acknowledged_at    INTEGER,
    acknowledged_by    TEXT NOT NULL DEFAULT '',
    owner_id           INTEGER,
    holding_statement  TEXT NOT NULL DEFAULT '',
    holding_answer_id  TEXT NOT NULL DEFAULT '',
    closed_at          INTEGER,
    postmortem         TEXT NOT NULL DEFAULT '',
    escalation_level   INTEGER NOT NULL DEFAULT 0,
    next_escalation_at INTEGER
);
CREATE INDEX incidents_status ON incidents (status, community);

CREATE TABLE incident_messages (
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL,
    posted_at   INTEGER NOT NULL,
    negative    INTEGER NOT NULL,
    author      TEXT NOT NULL,
    followers   INTEGER NOT NULL,
    terms       TEXT NOT NULL,
    PRIMARY KEY (incident_id, message_id)
);
CREATE INDEX incident_messages_time ON incident_messages (incident_id, posted_at);

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    level       INTEGER NOT NULL,
    channel     TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    status      TEXT NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX notifications_incident ON notifications (incident_id, id);

-- +goose Down
DROP TABLE notifications;
DROP TABLE incident_messages;
DROP TABLE incidents;
