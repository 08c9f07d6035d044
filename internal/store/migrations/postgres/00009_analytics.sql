-- +goose Up
-- Analytics rollups, kept by the rollup worker (internal/analytics) as it
-- follows routing decisions and the audit log past its high-water marks.
-- Buckets are unix micros at the start of the UTC hour or day; community 0
-- stands for messages of no community.
CREATE TABLE rollup_hourly (
    bucket        BIGINT NOT NULL,
    community_id  BIGINT NOT NULL,
    channel       TEXT NOT NULL,
    class         TEXT NOT NULL,
    department    TEXT NOT NULL,
    lang          TEXT NOT NULL,
    messages      BIGINT NOT NULL DEFAULT 0,
    negative      BIGINT NOT NULL DEFAULT 0,
    neutral       BIGINT NOT NULL DEFAULT 0,
    positive      BIGINT NOT NULL DEFAULT 0,
    sentiment_sum DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, community_id, channel, class, department, lang)
);
CREATE INDEX rollup_hourly_community ON rollup_hourly (community_id, bucket);

-- The same counts summed over all dimensions but one, which the dashboards
-- read: grain 'h' (hour) or 'd' (UTC day); dim 'channel', 'class',
-- 'department' or 'lang', with its value, or 'all' with the value ''.
CREATE TABLE rollup_volume (
    grain         TEXT NOT NULL,
    dim           TEXT NOT NULL,
    bucket        BIGINT NOT NULL,
    community_id  BIGINT NOT NULL,
    dim_value     TEXT NOT NULL,
    messages      BIGINT NOT NULL DEFAULT 0,
    negative      BIGINT NOT NULL DEFAULT 0,
    neutral       BIGINT NOT NULL DEFAULT 0,
    positive      BIGINT NOT NULL DEFAULT 0,
    sentiment_sum DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (grain, dim, bucket, community_id, dim_value)
);
CREATE INDEX rollup_volume_community ON rollup_volume (grain, dim, community_id, bucket);

-- Terms and hashtags (#tag) per UTC day and community; a closed day keeps
-- only its most frequent terms.
CREATE TABLE rollup_terms (
    community_id BIGINT NOT NULL,
    day          BIGINT NOT NULL,
    term         TEXT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (community_id, day, term)
);
CREATE INDEX rollup_terms_day ON rollup_terms (day);

-- First responses and resolutions per UTC day (grain 'd') and month (grain
-- 'm', day is the first of the month) of the event, department and agent (0:
-- nobody), in working seconds of the department's clock.
CREATE TABLE rollup_sla (
    grain        TEXT NOT NULL,
    day          BIGINT NOT NULL,
    community_id BIGINT NOT NULL,
    department   TEXT NOT NULL,
    agent_id     BIGINT NOT NULL,
    kind         TEXT NOT NULL,
    n            BIGINT NOT NULL DEFAULT 0,
    with_target  BIGINT NOT NULL DEFAULT 0,
    on_time      BIGINT NOT NULL DEFAULT 0,
    seconds      DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (grain, day, community_id, department, agent_id, kind)
);

-- The messages whose first response or resolution was counted, so each is
-- counted once.
CREATE TABLE rollup_sla_done (
    message_id BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    PRIMARY KEY (message_id, kind)
);

-- Open messages per department, sampled hourly.
CREATE TABLE rollup_backlog (
    bucket       BIGINT NOT NULL,
    community_id BIGINT NOT NULL,
    department   TEXT NOT NULL,
    open         BIGINT NOT NULL,
    PRIMARY KEY (bucket, community_id, department)
);

-- The worker's high-water marks and bookkeeping.
CREATE TABLE rollup_state (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
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
