using Quire.Storage.Dialects;
using Quire.Storage.Users;
using Quire.Storage.Visibility;

namespace Quire.Storage.Content;

/// <summary>
/// The SQL of the single-content read (<see cref="ContentStore.FindReadableAsync"/>), the hottest statement there is, written
/// apart from running it so that tests can ask each engine for its plan. Both texts are built once per dialect and read their
/// parameters from <see cref="ReadRule.ForOneRow"/> (<c>@id</c> and the viewer's).
/// <para>
/// The row's statement does not check containers; <see cref="ContainerReadable"/> does, run only for a row that has one. On
/// PostgreSQL every subplan of a prepared statement is set up on every execution, run or not: the container levels in the
/// row's statement (a content probe per level up to <see cref="ReadRule.MaxContainerDepth"/>, each with a trash check) took
/// a page's read from about 75 to 130 µs of the server's CPU, though a page has no container (docs/benchmarks.md, "Content
/// load"). As <c>OR EXISTS</c> or <c>NOT EXISTS</c> probes inside the one statement they cost the same, set up all the same.
/// </para>
/// </summary>
public static class ContentReadQuery
{
    private static readonly string AuthorColumns = UserStore.ColumnsOf("au");
    private static readonly string CreatorColumns = UserStore.ColumnsOf("cu");

    private static readonly PerDialect<string> RowSql = new(dialect =>
        $"""
        SELECT {ColumnsWithUtf8Body(dialect)}, {ContentStore.SpaceColumns}, {AuthorColumns}, {CreatorColumns}
        FROM content c JOIN spaces s ON s.id = c.space_id
        LEFT JOIN users au ON au.id = c.updated_by
        LEFT JOIN users cu ON cu.id = c.created_by
        WHERE c.id = @id AND {ReadRule.For(dialect).Conditions.Content(ContentRows.Trashed)}
        """);

    private static readonly PerDialect<string> ContainerSql = new(dialect =>
        $"SELECT EXISTS (SELECT 1 FROM content k WHERE k.id = @id AND {ReadRule.For(dialect).Conditions.Container("k")})");

    /// <summary>The content's columns with the body as its UTF-8 bytes (<c>body_storage_utf8</c>): a read that answers body.storage writes them as they are.</summary>
    private static string ColumnsWithUtf8Body(SqlDialect dialect) =>
        ContentStore.Columns.Replace("c.body_storage,", $"{dialect.Utf8Bytes("c.body_storage")} AS body_storage_utf8,");

    /// <summary>
    /// The row <c>@id</c> with its space, the current version's author (<c>users au</c>) and the creator (<c>users cu</c>), if
    /// the viewer may read its space, passes its read restrictions and, when it is trashed, administers the space.
    /// </summary>
    public static string Row(SqlDialect dialect) => RowSql.For(dialect);

    /// <summary>Whether the container <c>@id</c> and those above it leave what hangs off them readable (<see cref="ReadableBy.Container"/>).</summary>
    public static string ContainerReadable(SqlDialect dialect) => ContainerSql.For(dialect);
}
