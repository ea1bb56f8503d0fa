-- Raising a webhook event is part of the write it announces, so the outbox's insert is kept to
-- the primary key and the fan-out index. Pruning no longer needs an index of its own: event ids
-- grow with time, so the dispatcher walks the oldest ids up to the first event young enough to
-- keep (WebhookEventStore.PruneAsync) and drops what it passed.
DROP INDEX ix_webhook_events_created;
