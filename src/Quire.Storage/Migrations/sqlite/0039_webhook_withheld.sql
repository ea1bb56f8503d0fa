-- quire:foreign-keys-off
-- An app's webhook hears only of what the app's user may view (as Connect apps are filtered in
-- Cloud). Which app webhooks an event is withheld from is decided in the transaction of the
-- change, while what it is about still exists (a removed page is described before it goes):
-- webhook_withheld holds one row per event and app webhook refused. Fanning the event out then
-- writes those deliveries as 'withheld', finished and never sent, so the delivery log says why
-- the app heard nothing. SQLite cannot change a CHECK constraint: webhook_deliveries is rebuilt
-- (foreign keys off, as SQLite's ALTER TABLE documentation prescribes; nothing references it).
CREATE TABLE webhook_withheld (
    event_id   INTEGER NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, webhook_id)
);
CREATE INDEX ix_webhook_withheld_webhook ON webhook_withheld (webhook_id);

CREATE TABLE webhook_deliveries_rebuilt (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        INTEGER NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    entity_key      TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'withheld')),
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    leased_until    INTEGER NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    last_attempt_at INTEGER,
    finished_at     INTEGER,
    created_at      INTEGER NOT NULL
);
INSERT INTO webhook_deliveries_rebuilt
    (id, webhook_id, event_id, entity_key, state, attempts, next_attempt_at, leased_until, last_status, last_error,
     last_attempt_at, finished_at, created_at)
SELECT id, webhook_id, event_id, entity_key, state, attempts, next_attempt_at, leased_until, last_status, last_error,
       last_attempt_at, finished_at, created_at
FROM webhook_deliveries;
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_rebuilt RENAME TO webhook_deliveries;
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at, id);
CREATE INDEX ix_webhook_deliveries_entity ON webhook_deliveries (webhook_id, entity_key, state, id);
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
