using System.Text.RegularExpressions;
using Quire.Storage;

namespace Quire.Api.Tests.Migrations;

/// <summary>A column as both engines can be compared: SQLite's INTEGER holds PostgreSQL's integers and booleans alike.</summary>
public sealed record ColumnShape(string Name, string Type, bool NotNull, string? Default, int PrimaryKeyOrdinal);

/// <summary>An index: its name when created by name (null when a UNIQUE constraint made it), its keys and predicate, normalised.</summary>
public sealed record IndexShape(string? Name, bool Unique, string Keys, string? Predicate);

public sealed record ForeignKeyShape(string Columns, string ReferencedTable, string ReferencedColumns, string OnDelete);

public sealed record TableShape(string Name, IReadOnlyList<ColumnShape> Columns, IReadOnlyList<IndexShape> Indexes, IReadOnlyList<ForeignKeyShape> ForeignKeys)
{
    /// <summary>The single integer primary-key column, if the table has one (ids handed out by the database).</summary>
    public ColumnShape? GeneratedKeyCandidate =>
        Columns.Count(c => c.PrimaryKeyOrdinal > 0) == 1 && Columns.Single(c => c.PrimaryKeyOrdinal > 0) is { Type: "integer" } key ? key : null;
}

/// <summary>
/// A database's schema read from its catalog (SQLite's pragmas, PostgreSQL's pg_catalog) into one normalised shape per
/// table, so that the schemas two engines' migrations build can be compared. What cannot be compared across engines
/// (CHECK constraint texts, trigger bodies, storage settings) is left out; the migration tests compare those on one engine.
/// </summary>
public sealed partial class SchemaSnapshot
{
    public required IReadOnlyDictionary<string, TableShape> Tables { get; init; }

    /// <summary>Tables whose ids never come back after a delete: SQLite AUTOINCREMENT, PostgreSQL identity or sequence columns.</summary>
    public required IReadOnlySet<string> NeverReusedKeys { get; init; }

    public static async Task<SchemaSnapshot> ReadAsync(Database database)
    {
        await using var db = new DbSession(database);
        return database.Provider == DatabaseProvider.Sqlite ? await ReadSqliteAsync(db) : await ReadPostgresAsync(db);
    }

    private static async Task<SchemaSnapshot> ReadSqliteAsync(DbSession db)
    {
        var tables = new Dictionary<string, TableShape>();
        var autoincrement = new HashSet<string>();
        foreach (var (name, sql) in await db.QueryAsync<(string, string)>(
                     "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        {
            if (sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)) autoincrement.Add(name);
            var columns = (await db.QueryAsync<(string Name, string Type, long NotNull, string? Default, long Pk)>(
                    "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@name)", new { name }))
                .Select(c => new ColumnShape(c.Name, TypeClass(c.Type), c.NotNull == 1 || c.Pk > 0, Default(c.Default), (int)c.Pk))
                .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

            var indexes = new List<IndexShape>();
            foreach (var (index, unique, origin) in await db.QueryAsync<(string, long, string)>(
                         "SELECT name, \"unique\", origin FROM pragma_index_list(@name)", new { name }))
            {
                if (origin == "pk") continue; // the primary key is compared through the columns
                if (origin == "c")
                {
                    var create = await db.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @index", new { index });
                    var (keys, predicate) = SplitCreateIndex(create!);
                    indexes.Add(new IndexShape(index, unique == 1, Expression(keys), predicate is null ? null : Expression(predicate)));
                }
                else
                {
                    var keys = await db.QueryAsync<string>(
                        "SELECT name FROM pragma_index_xinfo(@index) WHERE key = 1 ORDER BY seqno", new { index });
                    indexes.Add(new IndexShape(null, unique == 1, Expression(string.Join(",", keys)), null));
                }
            }

            var foreignKeys = (await db.QueryAsync<(long Id, string Table, string From, string To, string OnDelete)>(
                    "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@name) ORDER BY id, seq", new { name }))
                .GroupBy(f => f.Id)
                .Select(g => new ForeignKeyShape(
                    string.Join(",", g.Select(f => f.From)), g.First().Table, string.Join(",", g.Select(f => f.To)), g.First().OnDelete.ToUpperInvariant()))
                .ToList();
            tables[name] = new TableShape(name, columns, Sorted(indexes), Sorted(foreignKeys));
        }
        return new SchemaSnapshot { Tables = tables, NeverReusedKeys = autoincrement };
    }

    private static async Task<SchemaSnapshot> ReadPostgresAsync(DbSession db)
    {
        var tables = new Dictionary<string, TableShape>();
        var generated = new HashSet<string>();
        foreach (var name in await db.QueryAsync<string>(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"))
        {
            var primaryKey = (await db.QueryAsync<string>(
                """
                SELECT a.attname FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k (attnum, ord)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                WHERE c.conrelid = @name::regclass AND c.contype = 'p' ORDER BY k.ord
                """, new { name })).ToList();
            var rawColumns = await db.QueryAsync<(string Name, string Type, string Nullable, string? Default, string Identity)>(
                """
                SELECT column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = @name
                """, new { name });
            var columns = rawColumns
                .Select(c => new ColumnShape(c.Name, TypeClass(c.Type), c.Nullable == "NO", Default(c.Default), primaryKey.IndexOf(c.Name) + 1))
                .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            if (primaryKey.Count == 1 &&
                rawColumns.Any(c => c.Name == primaryKey[0] && (c.Identity == "YES" || (c.Default?.StartsWith("nextval(", StringComparison.Ordinal) ?? false))))
                generated.Add(name);

            var indexes = new List<IndexShape>();
            foreach (var (index, unique, primary, constraint, keyCount, predicate) in await db.QueryAsync<(string, bool, bool, bool, int, string?)>(
                         """
                         SELECT i.relname, x.indisunique, x.indisprimary,
                                EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype = 'u'),
                                x.indnkeyatts::int, pg_get_expr(x.indpred, x.indrelid)
                         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                         WHERE x.indrelid = @name::regclass
                         """, new { name }))
            {
                if (primary) continue;
                var keys = new List<string>();
                for (var k = 1; k <= keyCount; k++)
                    keys.Add((await db.ExecuteScalarAsync<string>("SELECT pg_get_indexdef(@index::regclass, @k, true)", new { index, k }))!);
                indexes.Add(new IndexShape(constraint ? null : index, unique, Expression(string.Join(",", keys)), predicate is null ? null : Expression(predicate)));
            }

            var foreignKeys = (await db.QueryAsync<(string Columns, string Table, string Referenced, string OnDelete)>(
                    """
                    SELECT (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k (attnum, ord)
                            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                           c.confrelid::regclass::text,
                           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k (attnum, ord)
                            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum),
                           CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
                                              WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END
                    FROM pg_constraint c WHERE c.conrelid = @name::regclass AND c.contype = 'f'
                    """, new { name }))
                .Select(f => new ForeignKeyShape(f.Columns, f.Table, f.Referenced, f.OnDelete)).ToList();
            tables[name] = new TableShape(name, columns, Sorted(indexes), Sorted(foreignKeys));
        }
        return new SchemaSnapshot { Tables = tables, NeverReusedKeys = generated };
    }

    private static List<T> Sorted<T>(IEnumerable<T> items) => items.OrderBy(i => i!.ToString(), StringComparer.Ordinal).ToList();

    /// <summary>SQLite's INTEGER is PostgreSQL's smallint, integer, bigint and boolean (SQL never writes boolean literals).</summary>
    private static string TypeClass(string type) => type.ToLowerInvariant() switch
    {
        "integer" or "bigint" or "smallint" or "boolean" or "int" => "integer",
        "text" => "text",
        "blob" or "bytea" => "bytes",
        var other => other,
    };

    private static string? Default(string? value) =>
        value is null || value.StartsWith("nextval(", StringComparison.Ordinal)
            ? null
            : Expression(value) switch { "false" => "0", "true" => "1", var v => v };

    /// <summary>An expression with casts, brackets, spaces and case dropped, so both engines' catalogs spell it alike.</summary>
    private static string Expression(string text) => Noise().Replace(Cast().Replace(text, ""), "").ToLowerInvariant();

    /// <summary>The keys and the WHERE clause of a CREATE INDEX statement.</summary>
    private static (string Keys, string? Predicate) SplitCreateIndex(string sql)
    {
        var open = sql.IndexOf('(', sql.IndexOf(" ON ", StringComparison.OrdinalIgnoreCase));
        var depth = 0;
        for (var i = open; i < sql.Length; i++)
        {
            depth += sql[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth != 0) continue;
            var rest = sql[(i + 1)..];
            var where = rest.IndexOf("WHERE", StringComparison.OrdinalIgnoreCase);
            return (sql[(open + 1)..i], where < 0 ? null : rest[(where + 5)..]);
        }
        throw new InvalidOperationException($"Cannot read the keys of: {sql}");
    }

    [GeneratedRegex(@"::(character varying|[a-z_]+)(\[\])?", RegexOptions.IgnoreCase)]
    private static partial Regex Cast();

    [GeneratedRegex(@"[\s()""]")]
    private static partial Regex Noise();
}
