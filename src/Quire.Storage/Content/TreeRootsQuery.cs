using Dapper;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Content;

/// <summary>
/// The SQL of one page of the keyset walk over a space's page-tree top level (<see cref="ContentTreeStore.TreeRootsAfterAsync"/>),
/// written apart from running it so that tests can ask each engine for its plan. The order is the tree's, position then id;
/// a page after a key starts at <c>(position, id) &gt; key</c>. Each page-tree type is its own range of
/// <c>ix_content_children</c> <c>(parent_id, type, status, space_id, position, id)</c> (both engines seek
/// <c>parent_id IS NULL</c> as they seek an equality), read in order from the key and stopped at the page's end, and the
/// ranges are merged with <c>UNION ALL</c>: one <c>type IN (...)</c> is one range per type too, but in type order, so both
/// engines would read every top-level item after the key and sort them, and a first page would cost the whole level (as one
/// <c>IN</c> over statuses did in <see cref="ContentListingQuery"/>). So every page reads at most a page per type, at any
/// depth of the walk.
/// <para>
/// A branch orders by <c>parent_id</c> first, a constant there (NULL): PostgreSQL does not count <c>IS NULL</c> as fixing a
/// column for an index's order the way <c>=</c> does, so ordered by position and id alone it saw no index in that order and
/// read and sorted every top-level item of the kind after the key (20,000 pages: 8.4 ms for the first page, 0.4 ms now).
/// Naming the column makes the order the index's own; SQLite, which reads <c>IS NULL</c> as an equality, plans the same
/// either way. No migration was needed.
/// </para>
/// </summary>
public static class TreeRootsQuery
{
    /// <summary>One branch per type, its type a constant (<see cref="PageTreeTypes"/>), so the text is the same for every call.</summary>
    public static (string Sql, DynamicParameters Parameters) Build(SqlDialect dialect, long spaceId, Viewer viewer, Keyset? after, int count)
    {
        var (read, parameters) = ReadRule.For(dialect).For(viewer, new
        {
            spaceId, count, afterPosition = Position.ParseValue(after?.Value), afterId = after?.Id ?? 0,
        });
        var from = after is null ? "" : "AND (c.position, c.id) > (@afterPosition, @afterId)";
        var branches = PageTreeTypes.All.Select((type, i) =>
            $"""
            SELECT hit_id FROM (SELECT c.id AS hit_id FROM content c JOIN spaces s ON s.id = c.space_id
                                WHERE c.parent_id IS NULL AND c.type = '{type}' AND c.status = 'current' AND c.space_id = @spaceId
                                  AND {read.Content(ContentRows.Current)} {from}
                                ORDER BY c.parent_id, c.position, c.id LIMIT @count) b{i}
            """);
        return ($"""
            SELECT {ContentStore.Columns} FROM ({string.Join("\nUNION ALL\n", branches)}) hit JOIN content c ON c.id = hit.hit_id
            ORDER BY c.position, c.id
            LIMIT @count
            """, parameters);
    }

    /// <summary>The tree's order, whose key a page's last row gives (<see cref="ContentOrder.ValueOf"/>) and a key reads back with.</summary>
    public static readonly ContentOrder Position = new(ContentSortKey.Position, false);
}
