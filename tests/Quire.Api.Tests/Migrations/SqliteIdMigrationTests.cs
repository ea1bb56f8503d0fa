using Microsoft.Data.Sqlite;
using Quire.Storage;

namespace Quire.Api.Tests.Migrations;

/// <summary>
/// Migration 0019 rebuilds SQLite tables with AUTOINCREMENT. On a database that 0018 left with data in every table it
/// touches, it keeps every row and id, every index, trigger and foreign key, and afterwards ids only grow; a database
/// with a broken reference is refused whole. (PostgreSQL's identity columns never reused an id: it has no 0019.)
/// </summary>
public sealed class SqliteIdMigrationTests : IAsyncLifetime
{
    private const int Before = 18;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quire-0019-" + Guid.NewGuid().ToString("N")[..10]);
    private Database _database = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = Database.ForSqliteFile(Path.Combine(_directory, "quire.db"));
        return Migrator.ApplyAsync(_database, 0, Before);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A site as 0018 left it: rows in every rebuilt table and in those that reference them, ids with gaps.</summary>
    private const string Site =
        """
        INSERT INTO users (id, account_id, user_name, user_name_lower, email, email_lower, display_name, created_at)
        VALUES (1, 'acc1', 'ann', 'ann', 'ann@x', 'ann@x', 'Ann', 1), (2, 'acc2', 'bob', 'bob', 'bob@x', 'bob@x', 'Bob', 2);
        INSERT INTO groups (id, name, name_lower, created_at) VALUES ('g1', 'Team', 'team', 1);
        INSERT INTO group_members (group_id, user_id) VALUES ('g1', 2);
        INSERT INTO user_properties (id, user_id, key, value, version, created_at, updated_at) VALUES (4, 1, 'k', '{}', 1, 1, 1);
        INSERT INTO spaces (id, key, key_lower, name, type, status, homepage_id, created_by, created_at)
        VALUES (5, 'S', 's', 'Space', 'global', 'current', 10, 1, 1);
        INSERT INTO space_permissions (id, space_id, user_id, group_id, anonymous, operation, target_type)
        VALUES (6, 5, 1, NULL, 0, 'read', 'space'), (7, 5, NULL, 'g1', 0, 'read', 'space');
        INSERT INTO labels (id, prefix, name, owner_id) VALUES (8, 'global', 'alpha', 0), (9, 'my', 'favourite', 1);
        INSERT INTO space_labels (space_id, label_id) VALUES (5, 9);
        INSERT INTO space_properties (id, space_id, key, value, version, version_at, version_by) VALUES (3, 5, 'sp', '"v"', 1, 1, 1);
        INSERT INTO content (id, type, status, space_id, parent_id, container_id, position, title, title_lower, body_storage, created_by,
                             created_at, updated_by, updated_at, posting_day)
        VALUES (10, 'page', 'current', 5, NULL, NULL, 0, 'Home', 'home', '<p>home</p>', 1, 1, 1, 1, NULL),
               (11, 'page', 'current', 5, 10, NULL, 0, 'Child', 'child', '<p>child</p>', 1, 1, 1, 1, NULL),
               (12, 'comment', 'current', 5, NULL, 11, 0, 'Re: Child', 're: child', '<p>c</p>', 2, 1, 2, 1, NULL),
               (13, 'attachment', 'current', 5, NULL, 11, 0, 'a.txt', 'a.txt', '', 1, 1, 1, 1, NULL),
               (14, 'blogpost', 'current', 5, NULL, NULL, 0, 'Post', 'post', '<p>b</p>', 1, 1, 1, 1, '2024-01-01');
        INSERT INTO content_versions (content_id, number, title, status, body_storage, parent_id, created_at) VALUES (11, 1, 'Child', 'current', '', 10, 1);
        INSERT INTO content_labels (content_id, label_id, created_at) VALUES (11, 8, 1);
        INSERT INTO content_properties (id, content_id, key, value, version, version_at) VALUES (16, 11, 'cp', '1', 1, 1);
        INSERT INTO blobs (key, size, created_at) VALUES ('b1', 1, 1);
        INSERT INTO attachment_files (content_id, version, blob_key, file_size, media_type) VALUES (13, 1, 'b1', 1, 'text/plain');
        INSERT INTO content_restrictions (content_id, operation, user_id) VALUES (11, 'read', 1);
        INSERT INTO content_read_guards (content_id, guard_id) VALUES (11, 11), (12, 11), (13, 11);
        INSERT INTO content_watches (content_id, user_id, created_at) VALUES (11, 2, 1);
        INSERT INTO space_watches (space_id, user_id, created_at) VALUES (5, 2, 1);
        INSERT INTO relations (id, name, source_type, source_id, target_type, target_id, created_by, created_at)
        VALUES (17, 'link', 'content', 11, 'user', 2, 1, 1), (18, 'link', 'space', 5, 'content', 14, 1, 1);
        INSERT INTO content_templates (id, space_id, name, body_storage, created_at, updated_at) VALUES (19, 5, 'T', '<p>t</p>', 1, 1);
        INSERT INTO content_template_labels (template_id, label_id) VALUES (19, 8);
        INSERT INTO audit_records (id, created_at, sys_admin, super_admin, affected_object, changed_values, associated_objects)
        VALUES (20, 1, 0, 0, '{}', '[]', '[]');
        INSERT INTO inline_tasks (global_id, content_id, task_id, status, body, created_at, updated_at) VALUES (21, 11, '1', 'incomplete', 'do', 1, 1);
        INSERT INTO custom_content_states (id, owner_id, name, color, last_used_at) VALUES (3, 1, 'Mine', '#fff', 1);
        INSERT INTO content_state_of (content_id, status, state_id, name, color, updated_at) VALUES (11, 'current', 3, 'Mine', '#fff', 1);
        INSERT INTO content_views (content_id, user_id, viewed_at) VALUES (11, 2, 1);
        INSERT INTO look_and_feel (scope, space_id) VALUES ('space:5', 5);
        """;

    [Fact]
    public async Task Rows_ids_indexes_triggers_and_references_survive_and_ids_only_grow()
    {
        await using var db = new DbSession(_database);
        await db.ExecuteAsync(Site);
        var rowsBefore = await AllRowsAsync(db);
        var schemaBefore = await SchemaAsync(db);

        Assert.Equal(["0019_ids_never_reused"], (await Migrator.ApplyAsync(_database, 0, 19)).ToList());

        Assert.Equal(rowsBefore, await AllRowsAsync(db));
        Assert.Equal(schemaBefore, await SchemaAsync(db));
        Assert.Empty(await db.QueryAsync<string>("SELECT \"table\" FROM pragma_foreign_key_check"));

        // The search index still follows content through the triggers: a new page, a new title, a label, a deletion.
        var page = await db.ExecuteScalarAsync<long>(
            """
            INSERT INTO content (type, status, space_id, parent_id, title, title_lower, created_at, updated_at)
            VALUES ('page', 'current', 5, 10, 'Fresh', 'fresh', 2, 2) RETURNING id
            """);
        Assert.Equal(15, page);
        Assert.Equal("Fresh", await db.ExecuteScalarAsync<string>("SELECT title FROM content_search WHERE rowid = @page", new { page }));
        await db.ExecuteAsync("UPDATE content SET title = 'Renamed' WHERE id = 11");
        Assert.Equal("Renamed", await db.ExecuteScalarAsync<string>("SELECT title FROM content_search WHERE rowid = 11"));
        await db.ExecuteAsync("INSERT INTO content_labels (content_id, label_id, created_at) VALUES (@page, 8, 2)", new { page });
        Assert.Equal("alpha", await db.ExecuteScalarAsync<string>("SELECT labels FROM content_search WHERE rowid = @page", new { page }));

        // Deleting the child takes what hangs from it (comment, attachment, properties, guards, watches, tasks, states, views)
        // and, through the triggers, its relation and search row.
        await db.ExecuteAsync("DELETE FROM content WHERE id = 11");
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM content WHERE id IN (12, 13)) + (SELECT COUNT(*) FROM content_properties) + (SELECT COUNT(*) FROM attachment_files)
                 + (SELECT COUNT(*) FROM content_read_guards) + (SELECT COUNT(*) FROM content_watches) + (SELECT COUNT(*) FROM inline_tasks)
                 + (SELECT COUNT(*) FROM content_state_of) + (SELECT COUNT(*) FROM content_views) + (SELECT COUNT(*) FROM relations WHERE id = 17)
                 + (SELECT COUNT(*) FROM content_search WHERE rowid IN (11, 12, 13)) + (SELECT COUNT(*) FROM content_versions)
            """));
        await db.ExecuteAsync("DELETE FROM users WHERE id = 2");
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM group_members"));

        // Ids only grow, also after the newest row is gone.
        foreach (var (table, insert) in new[]
                 {
                     ("content", "INSERT INTO content (type, status, space_id, title, title_lower, created_at, updated_at) VALUES ('page', 'current', 5, 'N' || random(), 'n', 1, 1) RETURNING id"),
                     ("spaces", "INSERT INTO spaces (key, key_lower, name, type, status, created_at) VALUES ('K' || random(), 'k' || random(), 'K', 'global', 'current', 1) RETURNING id"),
                     ("users", "INSERT INTO users (account_id, user_name, user_name_lower, email, email_lower, display_name, created_at) VALUES (random(), random(), random(), random(), random(), 'U', 1) RETURNING id"),
                     ("labels", "INSERT INTO labels (prefix, name) VALUES ('global', 'l' || random()) RETURNING id"),
                     ("custom_content_states", "INSERT INTO custom_content_states (owner_id, name, color, last_used_at) VALUES (1, 'n' || random(), '#000', 1) RETURNING id"),
                 })
        {
            var first = await db.ExecuteScalarAsync<long>(insert);
            await db.ExecuteAsync($"DELETE FROM {table} WHERE id = @first", new { first });
            var second = await db.ExecuteScalarAsync<long>(insert);
            Assert.True(second > first, $"{table}: {second} after deleting {first}");
        }
    }

    [Fact]
    public async Task A_fresh_database_starts_custom_states_above_the_default_ones()
    {
        await Migrator.ApplyAsync(_database, 0);
        await using var db = new DbSession(_database);
        await db.ExecuteAsync(
            "INSERT INTO users (account_id, user_name, user_name_lower, email, email_lower, display_name, created_at) VALUES ('a', 'a', 'a', 'a', 'a', 'A', 1)");
        var id = await db.ExecuteScalarAsync<long>(
            "INSERT INTO custom_content_states (owner_id, name, color, last_used_at) VALUES (1, 'n', '#000', 1) RETURNING id");
        Assert.Equal(3, id);
    }

    [Fact]
    public async Task A_broken_reference_refuses_the_whole_migration()
    {
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "quire.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Foreign keys off, as a careless tool might leave a database: a page in a space that does not exist.
            command.CommandText = "PRAGMA foreign_keys = OFF; INSERT INTO content (id, type, status, space_id, title, created_at, updated_at) VALUES (1, 'page', 'current', 99, 'Lost', 1, 1);";
            await command.ExecuteNonQueryAsync();
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.ApplyAsync(_database, 0, 19));
        Assert.Contains("content", failure.Message);
        await using var db = new DbSession(_database);
        Assert.Equal(Before, await db.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_migrations"));
        Assert.DoesNotContain("AUTOINCREMENT", await db.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE name = 'content'"));
        Assert.Equal(1L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM content"));
    }

    /// <summary>Every row of every table, in a stable order; the search index through content_search (not its shadow tables), the migrations' record left out.</summary>
    private static async Task<Dictionary<string, List<string>>> AllRowsAsync(DbSession db)
    {
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in await db.QueryAsync<string>(
                     """
                     SELECT name FROM sqlite_master WHERE type = 'table'
                       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'content_search_%' AND name <> 'schema_migrations'
                     ORDER BY name
                     """))
        {
            var all = await db.QueryAsync<dynamic>($"SELECT * FROM \"{table}\"");
            rows[table] = all.Select(r => string.Join("|", ((IDictionary<string, object?>)r).Select(kv => $"{kv.Key}={kv.Value}")))
                .Order(StringComparer.Ordinal).ToList();
        }
        return rows;
    }

    /// <summary>Columns, indexes, triggers and foreign keys of every table: everything 0019 must keep but the word AUTOINCREMENT.</summary>
    private static async Task<List<string>> SchemaAsync(DbSession db)
    {
        var schema = (await db.QueryAsync<string>(
                "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"))
            .ToList();
        foreach (var table in await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        {
            schema.AddRange((await db.QueryAsync<(long, string, string, long, string?, long)>($"SELECT * FROM pragma_table_info('{table}')"))
                .Select(c => $"{table} column {c}"));
            schema.AddRange((await db.QueryAsync<(long, long, string, string, string, string, string, string)>($"SELECT * FROM pragma_foreign_key_list('{table}')"))
                .Select(f => $"{table} references {f}"));
        }
        return schema;
    }
}
