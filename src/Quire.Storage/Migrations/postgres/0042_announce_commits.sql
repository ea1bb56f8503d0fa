-- Every committed change to a table that an answer shows is announced on the channel quire_commits, so each node drops
-- the rendered answers it keeps (RenderedAnswerCache, counted by CommitSequence) a few milliseconds after another node
-- or the command line commits, instead of keeping them for their whole lifetime. A statement-level trigger: it runs once
-- per statement, whatever its row count, and PostgreSQL folds a transaction's identical notifications into one, sent
-- when (and only if) it commits. Left out are tables no rendered answer shows that are written often: read counts
-- (content_views), the audit log, long tasks' progress, webhook deliveries, web sessions, data protection keys and the
-- migrations' own record. A table created by a later migration adds the trigger there (MigrationSchemaTests checks that
-- every table but these has it).
CREATE FUNCTION announce_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('quire_commits', '');
    RETURN NULL;
END $$;

DO $$
DECLARE announced TEXT;
BEGIN
    FOR announced IN
        SELECT tablename FROM pg_tables
        WHERE schemaname = current_schema()
          AND tablename NOT IN ('schema_migrations', 'content_views', 'audit_records', 'long_tasks', 'webhook_deliveries',
                                'webhook_events', 'webhook_withheld', 'web_sessions', 'data_protection_keys')
    LOOP
        EXECUTE format(
            'CREATE TRIGGER announce_commit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION announce_commit()',
            announced);
    END LOOP;
END $$;
