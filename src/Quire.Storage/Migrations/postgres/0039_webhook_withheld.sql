-- An app's webhook hears only of what the app's user may view (as Connect apps are filtered in
-- Cloud). Which app webhooks an event is withheld from is decided in the transaction of the
-- change, while what it is about still exists (a removed page is described before it goes):
-- webhook_withheld holds one row per event and app webhook refused. Fanning the event out then
-- writes those deliveries as 'withheld', finished and never sent, so the delivery log says why
-- the app heard nothing.
CREATE TABLE webhook_withheld (
    event_id   BIGINT NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    webhook_id BIGINT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, webhook_id)
);
CREATE INDEX ix_webhook_withheld_webhook ON webhook_withheld (webhook_id);

ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_state_check;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_state_check
    CHECK (state IN ('pending', 'delivered', 'failed', 'withheld'));
