-- +goose Up
-- Analytics rollups, kept by the rollup worker (internal/analytics) as it
-- follows routing decisions and the audit log past its high-water marks.
-- Buckets are unix micros at the start of the UTC hour or day; community 0
-- stands for messages of no community.
CREATE TABLE rollup_hourly (
    bucket        INTEGER NOT NULL,
    community_id  INTEGER NOT NULL,
    channel       TEXT NOT NULL,
    class         TEXT NOT NULL,
    department    TEXT NOT NULL,
    lang          TEXT NOT NULL,
    messages      INTEGER NOT NULL DEFAULT 0,
    negative      INTEGER NOT NULL DEFAULT 0,
    neutral       INTEGER NOT NULL DEFAULT 0,
    positive      INTEGER NOT NULL DEFAULT 0,
    sentiment_sum REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, community_id, channel, class, department, lang)
) WITHOUT ROWID;
CREATE INDEX rollup_hourly_community ON rollup_hourly (community_id, bucket);

-- The same counts summed over all dimensions but one, which the dashboards
-- read: grain 'h' (hour) or 'd' (UTC day); dim 'channel', 'class',
-- 'department' or 'lang', with its value, or 'all' with the value ''.
CREATE TABLE rollup_volume (
    grain         TEXT NOT NULL,
    dim           TEXT NOT NULL,
    bucket        INTEGER NOT NULL,
    community_id  INTEGER NOT NULL,
    dim_value     TEXT NOT NULL,
    messages      INTEGER NOT NULL DEFAULT 0,
    negative      INTEGER NOT NULL DEFAULT 0,
    neutral       INTEGER NOT NULL DEFAULT 0,
    positive      INTEGER NOT NULL DEFAULT 0,
    sentiment_sum REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (grain, dim, bucket, community_id, dim_value)
) WITHOUT ROWID;
CREATE INDEX rollup_volume_community ON rollup_volume (grain, dim, community_id, bucket);

-- Terms and hashtags (#tag) per UTC day and community; a closed day keeps
-- only its most frequent terms.
CREATE TABLE rollup_terms (
    community_id INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    term         TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (community_id, day, term)
) WITHOUT ROWID;
CREATE INDEX rollup_terms_day ON rollup_terms (day);

-- First responses and resolutions per UTC day (grain 'd') and month (grain
-- 'm', day is the first of the month) of the event, department and agent (0:
-- nobody), in working seconds of the department's clock.
CREATE TABLE rollup_sla (
    grain        TEXT NOT NULL,
    day          INTEGER NOT NULL,
    community_id INTEGER NOT NULL,
    department   TEXT NOT NULL,
    agent_id     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    n            INTEGER NOT NULL DEFAULT 0,
    with_target  INTEGER NOT NULL DEFAULT 0,
    on_time      INTEGER NOT NULL DEFAULT 0,
    seconds      REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (grain, day, community_id, department, agent_id, kind)
) WITHOUT ROWID;

-- The messages whose first response or resolution was counted, so each is
-- counted once.
CREATE TABLE rollup_sla_done (
    message_id INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    PRIMARY KEY (message_id, kind)
) WITHOUT ROWID;

-- Open messages per department, sampled hourly.
CREATE TABLE rollup_backlog (
    bucket       INTEGER NOT NULL,
    community_id INTEGER NOT NULL,
    department   TEXT NOT NULL,
    open         INTEGER NOT NULL,
    PRIMARY KEY (bucket, community_id, department)
) WITHOUT ROWID;

-- The worker's high-water marks and bookkeeping.
CREATE TABLE rollup_state (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

-- The backlog counts open messages through this index only.
CREATE INDEX messages_open ON messages (department, community_id) WHERE status <> 'resolved';

-- +goose Down
DROP INDEX messages_open;
DROP TABLE rollup_state;
DROP TABLE rollup_backlog;
DROP TABLE rollup_sla_done;
DROP TABLE rollup_sla;
DROP TABLE rollup_terms;
DROP TABLE rollup_volume;
DROP TABLE rollup_hourly;
