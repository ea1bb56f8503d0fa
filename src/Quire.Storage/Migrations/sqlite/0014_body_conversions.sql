-- Results of asynchronous body conversions (POST /contentbody/convert/async/{to}): each kept for
-- its requester for five minutes after it completes, as the spec says, then deleted when the
-- next conversion is written. input_hash finds an identical earlier request (allowCache).
CREATE TABLE body_conversions (
    id             TEXT PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    input_hash     TEXT NOT NULL,
    status         TEXT NOT NULL,
    representation TEXT NOT NULL,
    value          TEXT NOT NULL DEFAULT '',
    error          TEXT,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL
);
CREATE INDEX ix_body_conversions_expiry ON body_conversions (expires_at);
CREATE INDEX ix_body_conversions_input ON body_conversions (user_id, input_hash);
