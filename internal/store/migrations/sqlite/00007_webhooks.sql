-- +goose Up
-- Outbound webhooks: subscriptions, the deliveries stored before they are
-- attempted, and the log of every attempt.
CREATE TABLE webhook_subscriptions (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    events      TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_key       TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    thread          TEXT NOT NULL,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    UNIQUE (subscription_id, event_key)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_at);
CREATE INDEX webhook_deliveries_thread ON webhook_deliveries (subscription_id, thread, status, id);

CREATE TABLE webhook_attempts (
    id              INTEGER PRIMARY KEY,
    delivery_id     INTEGER NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    subscription_id INTEGER NOT NULL,
    status_code     INTEGER NOT NULL,
    body            TEXT NOT NULL,
    duration_us     INTEGER NOT NULL,
    error           TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_subscription ON webhook_attempts (subscription_id, id);

-- +goose Down
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
