-- Webhooks: receivers a site admin registers (or, later, an app's descriptor), the events Quire
-- raised for them (an outbox, written in the transaction of the change it announces), and one
-- delivery per event and subscribed webhook, with its attempts.
--
-- webhook_events: one row per change that some active webhook subscribes to. The dispatcher fans
-- an event out into webhook_deliveries (fanned_out) and the row stays as the payload of record
-- until retention prunes it with its deliveries. entity_key names what the event is about
-- (content:12, space:3, ...): deliveries of one entity to one webhook go out in event order.
-- webhooks.app_key: the app whose descriptor registered it (the apps issue); null for an admin's.
CREATE TABLE webhooks (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    url        TEXT    NOT NULL,
    active     INTEGER NOT NULL,
    secret     TEXT,
    app_key    TEXT,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX ix_webhooks_name ON webhooks (name, id);

-- What each webhook subscribes to: one row per event name, so fanning an event out is a join.
CREATE TABLE webhook_subscriptions (
    webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event      TEXT    NOT NULL,
    PRIMARY KEY (webhook_id, event)
);
CREATE INDEX ix_webhook_subscriptions_event ON webhook_subscriptions (event, webhook_id);

CREATE TABLE webhook_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    event      TEXT    NOT NULL,
    entity_key TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    fanned_out INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_webhook_events_fan_out ON webhook_events (fanned_out, id);
CREATE INDEX ix_webhook_events_created ON webhook_events (created_at, id);

-- state: pending (to send, or to retry at next_attempt_at), delivered, failed (attempts used up,
-- or the receiver refused it for good). leased_until: a dispatcher is sending it until then; a
-- node that dies mid-send leaves a lease that lapses, and another node sends it again (at least
-- once). ix_webhook_deliveries_due finds what is due; ix_webhook_deliveries_entity finds the
-- earlier deliveries of the same entity a delivery must wait for; ix_webhook_deliveries_log is the
-- webhook's delivery log, newest first.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        INTEGER NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    entity_key      TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    leased_until    INTEGER NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    last_attempt_at INTEGER,
    finished_at     INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at, id);
CREATE INDEX ix_webhook_deliveries_entity ON webhook_deliveries (webhook_id, entity_key, state, id);
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
