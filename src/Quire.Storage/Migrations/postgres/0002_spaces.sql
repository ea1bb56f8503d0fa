-- Spaces and long tasks: indexes for the lookups those features make.
-- A user's personal space (the personalSpace expansion of users).
CREATE INDEX ix_spaces_created_by ON spaces (created_by, type);
-- A user's own long tasks (GET /longtask for a user who is not a site admin).
CREATE INDEX ix_long_tasks_owner ON long_tasks (owner_id, created_at);
