-- +goose Up
-- Case export: the external systems (ERP, CRM, ticketing) a conversation can
-- be sent to, and the cases created there.
CREATE TABLE case_targets (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    url            TEXT NOT NULL,
    method         TEXT NOT NULL,
    headers        TEXT NOT NULL DEFAULT '{}',
    secret_headers TEXT NOT NULL DEFAULT '',
    body_template  TEXT NOT NULL,
    id_pointer     TEXT NOT NULL DEFAULT '',
    url_pointer    TEXT NOT NULL DEFAULT '',
    url_template   TEXT NOT NULL DEFAULT '',
    timeout_ms     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    thread_id     INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    message_id    INTEGER NOT NULL,
    target        TEXT NOT NULL,
    status        TEXT NOT NULL,
    forced        INTEGER NOT NULL DEFAULT 0,
    external_id   TEXT NOT NULL DEFAULT '',
    external_url  TEXT NOT NULL DEFAULT '',
    response_code INTEGER NOT NULL DEFAULT 0,
    response_body TEXT NOT NULL DEFAULT '',
    error         TEXT NOT NULL DEFAULT '',
    actor         TEXT NOT NULL,
    actor_id      INTEGER,
    created_at    INTEGER NOT NULL,
    done_at       INTEGER
);
CREATE INDEX cases_thread ON cases (thread_id, id);
-- One live case per conversation and target, unless forced.
CREATE UNIQUE INDEX cases_once ON cases (thread_id, target) WHERE forced = 0 AND status IN ('pending', 'created');

-- Weekly reports: the settings of each community and every report sent,
-- claimed before it is sent so that two processes never send it twice.
CREATE TABLE report_settings (
    community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
    recipients   TEXT NOT NULL,
    weekday      INTEGER NOT NULL,
    hour         INTEGER NOT NULL,
    timezone     TEXT NOT NULL,
    lang         TEXT NOT NULL,
    enabled      INTEGER NOT NULL DEFAULT 1,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE reports_sent (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    week         TEXT NOT NULL,
    status       TEXT NOT NULL,
    recipients   TEXT NOT NULL DEFAULT '',
    error        TEXT NOT NULL DEFAULT '',
    claimed_at   INTEGER NOT NULL,
    sent_at      INTEGER,
    UNIQUE (community_id, week)
);

-- +goose Down
DROP TABLE reports_sent;
DROP TABLE report_settings;
DROP TABLE cases;
DROP TABLE case_targets;
