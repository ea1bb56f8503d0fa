using Quire.Api.Tests.Infrastructure;
using Quire.Storage;

namespace Quire.Api.Tests.Migrations;

/// <summary>
/// Applies every migration to empty databases of both engines and compares what they built: the same tables with the
/// same columns (types where comparable, nullability, defaults, primary keys), indexes (keys, uniqueness, predicates),
/// unique constraints and foreign keys. The two engines have one script each per migration, written by hand, so a
/// column or an index forgotten on one side would otherwise show only as a slow query or a missing check there.
/// It needs both engines at once, so it lives with the PostgreSQL fixture and builds its SQLite database itself.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationSchemaTests(PostgresServerFixture fixture)
{
    /// <summary>Tables one engine has and the other builds differently or not at all, on purpose; nothing else may differ.</summary>
    private static readonly Dictionary<string, string> EngineSpecificTables = new()
    {
        // Full-text search (0008): an FTS5 virtual table on SQLite (the other five are its shadow tables), a table with a
        // generated, weighted tsvector under GIN indexes on PostgreSQL. The PostgreSQL-only migration 0010 changes a
        // storage setting of that table (toast_tuple_target), which no comparison here reads.
        ["content_search"] = "FTS5 on SQLite, tsvector on PostgreSQL",
        ["content_search_config"] = "SQLite FTS5 shadow table",
        ["content_search_content"] = "SQLite FTS5 shadow table",
        ["content_search_data"] = "SQLite FTS5 shadow table",
        ["content_search_docsize"] = "SQLite FTS5 shadow table",
        ["content_search_idx"] = "SQLite FTS5 shadow table",
        // The database blob store (Quire:Attachments:Store=database, 0004), for several server nodes: PostgreSQL only.
        ["blob_chunks"] = "PostgreSQL only",
    };

    /// <summary>
    /// Tables with an integer key whose ids need not be safe from reuse, because nobody outside the row ever sees or keeps
    /// them. Every other such table must never hand an id out twice (SQLite AUTOINCREMENT, PostgreSQL identity).
    /// </summary>
    private static readonly Dictionary<string, string> InternalIds = new()
    {
        ["api_tokens"] = "a token is named by its random token_id",
        ["content_versions"] = "a version is named by its content and number",
        ["content_restrictions"] = "a restriction entry is named by its content, operation and subject",
        ["global_permissions"] = "a grant is named by its permission and subject",
        ["audit_settings"] = "one row",
        ["admin_keys"] = "a key is named by its user (one per user); the key column is users.id, not an id of its own",
        ["comment_resolutions"] = "a resolution is named by its comment (one per comment); the key column is content.id, not an id of its own",
        ["schema_migrations"] = "the migration's own number, written by the migrator",
        ["space_classification_defaults"] = "a space's default level is named by its space (one per space); the key column is spaces.id",
        ["content_classification_levels"] = "a content's level is named by its content (one per content); the key column is content.id",
        ["comment_resolutions"] = "a resolution is named by its comment; the key column is content.id, not an id of its own",
    };

    [SkippableFact]
    public async Task Both_engines_build_the_same_schema()
    {
        var (sqlite, postgres) = await BuildBothAsync();
        // A catalog reader that read nothing would find no difference: both must see content with its keys.
        Assert.All(new[] { sqlite, postgres }, s => Assert.True(
            s.Tables["content"] is { Columns.Count: > 10, Indexes.Count: > 5, ForeignKeys.Count: > 3 }, "the schema reader missed content's shape"));
        var differences = new List<string>();
        foreach (var name in sqlite.Tables.Keys.Union(postgres.Tables.Keys).Where(n => !EngineSpecificTables.ContainsKey(n)).Order())
        {
            if (!sqlite.Tables.TryGetValue(name, out var left)) { differences.Add($"{name}: only on PostgreSQL"); continue; }
            if (!postgres.Tables.TryGetValue(name, out var right)) { differences.Add($"{name}: only on SQLite"); continue; }
            Compare(differences, name, "column", left.Columns, right.Columns);
            Compare(differences, name, "index", left.Indexes, right.Indexes);
            Compare(differences, name, "foreign key", left.ForeignKeys, right.ForeignKeys);
        }
        foreach (var name in EngineSpecificTables.Keys)
            Assert.True(sqlite.Tables.ContainsKey(name) || postgres.Tables.ContainsKey(name), $"{name} is allowed to differ but exists on neither engine: remove it from the list.");
        Assert.True(differences.Count == 0, "The engines' schemas differ:\n" + string.Join("\n", differences));
    }

    [SkippableFact]
    public async Task No_table_hands_out_an_id_twice_on_either_engine()
    {
        var (sqlite, postgres) = await BuildBothAsync();
        var reusable = new List<string>();
        foreach (var (engine, schema) in new[] { ("sqlite", sqlite), ("postgres", postgres) })
            foreach (var table in schema.Tables.Values.Where(t =>
                         t.GeneratedKeyCandidate is not null && !InternalIds.ContainsKey(t.Name) && !EngineSpecificTables.ContainsKey(t.Name)))
                if (!schema.NeverReusedKeys.Contains(table.Name))
                    reusable.Add($"{engine}: {table.Name}.{table.GeneratedKeyCandidate!.Name}");
        Assert.True(reusable.Count == 0,
            "These keys may hand out an id again after the newest row is deleted (use AUTOINCREMENT on SQLite, an identity column on " +
            "PostgreSQL, or list the table among the internal ids with the reason nobody sees them):\n" + string.Join("\n", reusable));
    }

    /// <summary>
    /// Tables whose commits PostgreSQL does not announce to the other nodes (migration 0042), with the reason: written often
    /// and shown by no answer a node keeps. Every other table must carry the <c>announce_commit</c> trigger, or another
    /// node's change to it would leave this node's kept answers stale for their whole lifetime.
    /// </summary>
    private static readonly Dictionary<string, string> Unannounced = new()
    {
        ["schema_migrations"] = "written by the migrator only",
        ["content_views"] = "read counts, flushed every few seconds; only the analytics API shows them, uncached",
        ["audit_records"] = "the audit log, written beside every change it records",
        ["long_tasks"] = "a long task's progress, written while it runs",
        ["webhook_deliveries"] = "webhook delivery attempts",
        ["webhook_events"] = "the webhook outbox",
        ["webhook_withheld"] = "webhook events held back",
        ["web_sessions"] = "sign-in sessions of the web interface",
        ["data_protection_keys"] = "ASP.NET Core's key ring",
    };

    [SkippableFact]
    public async Task Every_table_an_answer_shows_announces_its_commits_on_postgres()
    {
        Skip.If(fixture.Server is null, fixture.UnavailableReason);
        var settings = await fixture.FreshDatabaseAsync();
        await using var postgres = Database.ForPostgres(settings["Quire:Database:ConnectionString"]!);
        await Migrator.ApplyAsync(postgres, 0);
        await using var connection = await postgres.OpenConnectionAsync();

        var silent = (await Dapper.SqlMapper.QueryAsync<string>(connection, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
              AND NOT EXISTS (
                  -- tgtype 60: AFTER, FOR EACH STATEMENT, on INSERT (4), DELETE (8), UPDATE (16) and TRUNCATE (32); enabled.
                  SELECT 1 FROM pg_trigger t
                  WHERE t.tgrelid = c.oid AND t.tgname = 'announce_commit' AND t.tgtype = 60 AND t.tgenabled <> 'D')
            ORDER BY c.relname
            """)).ToList();

        Assert.True(silent.Order().SequenceEqual(Unannounced.Keys.Order()),
            "Tables without an enabled announce_commit trigger after every statement that changes rows (add it in the migration that creates the table, or list the table with " +
            $"the reason no kept answer shows it): {string.Join(", ", silent)}; expected exactly: {string.Join(", ", Unannounced.Keys.Order())}");
    }

    private static void Compare<T>(List<string> differences, string table, string kind, IReadOnlyList<T> sqlite, IReadOnlyList<T> postgres)
    {
        foreach (var item in sqlite.Except(postgres)) differences.Add($"{table}: {kind} only on SQLite: {item}");
        foreach (var item in postgres.Except(sqlite)) differences.Add($"{table}: {kind} only on PostgreSQL: {item}");
    }

    private async Task<(SchemaSnapshot Sqlite, SchemaSnapshot Postgres)> BuildBothAsync()
    {
        Skip.If(fixture.Server is null, fixture.UnavailableReason);
        var directory = Path.Combine(Path.GetTempPath(), "quire-schema-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        try
        {
            await using var sqlite = Database.ForSqliteFile(Path.Combine(directory, "quire.db"));
            await Migrator.ApplyAsync(sqlite, 0);
            var settings = await fixture.FreshDatabaseAsync();
            await using var postgres = Database.ForPostgres(settings["Quire:Database:ConnectionString"]!);
            await Migrator.ApplyAsync(postgres, 0);
            return (await SchemaSnapshot.ReadAsync(sqlite), await SchemaSnapshot.ReadAsync(postgres));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
