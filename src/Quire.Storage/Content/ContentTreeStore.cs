using System.Data.Common;
using System.Globalization;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Content;

/// <summary>Which part of a content tree a listing walks.</summary>
/// <param name="RootId">The content whose children or descendants are listed.</param>
/// <param name="SpaceId">The root's space, which holds its whole tree.</param>
/// <param name="Type">page, comment or attachment.</param>
/// <param name="MaxDepth">1 for direct children; larger for descendants.</param>
/// <param name="Locations">Comments only: the locations wanted, or null for all.</param>
public sealed record TreeFilter(long RootId, long SpaceId, string Type, int MaxDepth, IReadOnlyList<string>? Locations = null);

/// <summary>A child or descendant of <see cref="OfId"/>, with what a minimal rendering needs.</summary>
public sealed record TreeMemberRecord
{
    public long OfId { get; init; }
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public long SpaceId { get; init; }
}

/// <summary>A descendant page as v2's descendant listing shows it: where it hangs and how deep below the listed page.</summary>
public sealed record DescendantRecord
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public long? ParentId { get; init; }
    public long SpaceId { get; init; }
    public long UpdatedAt { get; init; }
    public int Depth { get; init; }
    public int Position { get; init; }

    /// <summary>Where a descendant walk continues after this page: its level and position, the id breaking ties.</summary>
    public Keyset Key => new(string.Create(CultureInfo.InvariantCulture, $"{Depth}:{Position}"), Id);

    /// <summary>The level and position a <see cref="Key"/> carries; (0, 0), before every page, when there is none or it does not parse.</summary>
    public static (int Depth, int Position) ParseKey(string? value)
    {
        var parts = value?.Split(':');
        return parts is [var depth, var position]
               && int.TryParse(depth, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)
               && int.TryParse(position, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)
            ? (d, p)
            : (0, 0);
    }
}

/// <summary>An item of the page tree a tree-wide change touched: its id, and its type, which names the event it raises.</summary>
public sealed record TreeItemRecord
{
    public long Id { get; init; }
    public required string Type { get; init; }
}

/// <summary>A page cut off from the top of its space (see <see cref="ContentTreeStore.UnrootedPagesAsync"/>).</summary>
public sealed record UnrootedPageRecord
{
    public long Id { get; init; }
    public long ParentId { get; init; }
    public long SpaceId { get; init; }
}

/// <summary>
/// Reads content by its place in a tree (children, descendants, a space's top level). Every
/// listing filters by the viewer's space permission and the read restrictions in the query itself and returns current
/// content only, so nothing hidden can leak through these paths.
/// </summary>
public sealed class ContentTreeStore(DbSession db, ReadGuardStore guards)
{
    // The walks below read "FROM tree CROSS JOIN content c WHERE c.id = tree.id": SQLite keeps
    // the left side of a CROSS JOIN outside, so the few tree rows drive primary-key lookups
    // instead of a scan of all content probing the tree (PostgreSQL plans it as a plain join).

    /// <summary>Guards the recursive walks against a cycle that a bug elsewhere might leave in parent ids.</summary>
    public const int DepthLimit = 1000;

    /// <summary>
    /// Pages under a page (by <c>parent_id</c>), or comments and attachments of a page or blog
    /// post (top level by <c>container_id</c>, comment replies below them by <c>parent_id</c>), down to
    /// <see cref="TreeFilter.MaxDepth"/> levels; ordered level by level, then by position and id.
    /// </summary>
    public Task<IReadOnlyList<ContentRecord>> ListAsync(TreeFilter filter, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        if (filter is { Type: "page", MaxDepth: 1, Locations: null }) return ChildPagesAsync(filter, viewer, offset, count, ct);
        // Page descendants are walked through every page-tree type, as the tree runs through folders (a page in a folder under
        // the root is its descendant, one level below the folder), but only pages are listed: this is v1's descendant/page.
        var pages = filter.Type == "page";
        var roots = pages
            ? $"SELECT r.id, 1, r.position, r.status, r.space_id, r.type FROM content r WHERE r.parent_id = @rootId AND r.type IN {PageTreeTypes.Sql}"
            : "SELECT r.id, 1, r.position, r.status, r.space_id, r.type FROM content r WHERE r.container_id = @rootId AND r.type = @type AND r.parent_id IS NULL";
        var below = pages ? $"k.type IN {PageTreeTypes.Sql}" : "k.type = @type";
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new
        {
            rootId = filter.RootId, spaceId = filter.SpaceId, type = filter.Type, maxDepth = Math.Min(filter.MaxDepth, DepthLimit),
            locations = filter.Locations?.ToArray(), resolvedToo = filter.Locations?.Contains("resolved") == true, count, offset,
        });
        // A tree lives in one space, so the viewer's read check is on that space alone: a
        // condition that does not depend on the row, which both engines evaluate once and
        // which cannot tempt a planner into walking the space's content instead of the tree.
        var where = new List<string>
        {
            "tree.type = @type", "tree.space_id = @spaceId", "tree.status = 'current'", read.Restrictions("tree"),
            $"EXISTS (SELECT 1 FROM spaces s WHERE s.id = @spaceId AND {read.Space()})",
        };
        if (filter.Locations is not null)
            // 'resolved' is no stored location: it is an inline comment resolved through v2 (comment_resolutions).
            where.Add(
                $"""
                 EXISTS (SELECT 1 FROM content l WHERE l.id = tree.id AND ({db.InList("l.comment_location", "locations")}
                         OR (@resolvedToo AND EXISTS (SELECT 1 FROM comment_resolutions cr WHERE cr.content_id = l.id AND cr.status = 'resolved'))))
                 """);
        // The walk carries what the filter and the order need (read from ix_content_children for pages, without the rows), and
        // only the page of results reads whole rows: sorting the rows themselves, bodies included, cost 5x more under a big tree.
        // PostgreSQL estimates a recursive walk at millions of rows and JIT-compiles it: 600 ms of compiling for a 60 ms walk of
        // 7,000 pages, so it runs without JIT (WithValuePlansAsync; SQLite runs it as it is).
        return db.WithValuePlansAsync(() => db.QueryAsync<ContentRecord>(
            $"""
            WITH RECURSIVE tree (id, depth, position, status, space_id, type) AS (
                {roots}
                UNION ALL
                SELECT k.id, tree.depth + 1, k.position, k.status, k.space_id, k.type FROM tree CROSS JOIN content k
                WHERE k.parent_id = tree.id AND {below} AND tree.depth < @maxDepth
            ),
            listed (id, depth, position) AS (
                SELECT tree.id, tree.depth, tree.position FROM tree
                WHERE {string.Join(" AND ", where)}
                ORDER BY tree.depth, tree.position, tree.id
                LIMIT @count OFFSET @offset
            )
            SELECT {ContentStore.Columns} FROM listed
            CROSS JOIN content c
            WHERE c.id = listed.id
            ORDER BY listed.depth, listed.position, listed.id
            """,
            parameters, ct), ct);
    }

    /// <summary>
    /// The child pages of a page, in the order of <see cref="ListAsync"/> (position, then id), as a keyset walk: a deep page
    /// (<paramref name="offset"/> &gt; 0) first finds the key of its first row by skipping the rows before it in the
    /// <c>ix_content_children</c> index alone (everything the filter reads is in it, so no skipped row is read), then reads its
    /// rows from that key on, so start=5000 costs about what start=0 does instead of reading and sorting the whole family.
    /// </summary>
    private async Task<IReadOnlyList<ContentRecord>> ChildPagesAsync(TreeFilter filter, Viewer viewer, int offset, int count, CancellationToken ct)
    {
        var rule = ReadRule.For(db.Dialect);
        var (read, parameters) = Parameters(new ChildKey());
        var visible =
            $"""
            c.parent_id = @rootId AND c.type = 'page' AND c.status = 'current' AND c.space_id = @spaceId AND {read.Restrictions()}
              AND EXISTS (SELECT 1 FROM spaces s WHERE s.id = @spaceId AND {read.Space()})
            """;
        var from = "";
        if (offset > 0)
        {
            var first = await db.QueryAsync<ChildKey>(
                $"SELECT c.position, c.id FROM content c WHERE {visible} ORDER BY c.position, c.id LIMIT 1 OFFSET @offset", parameters, ct);
            if (first.Count == 0) return [];
            parameters = Parameters(first[0]).Parameters;
            from = "AND c.position >= @fromPosition AND (c.position > @fromPosition OR c.id >= @fromId)";
        }
        return await db.QueryAsync<ContentRecord>(
            $"SELECT {ContentStore.Columns} FROM content c WHERE {visible} {from} ORDER BY c.position, c.id LIMIT @count", parameters, ct);

        (ReadableBy Read, Dapper.DynamicParameters Parameters) Parameters(ChildKey at) => rule.For(viewer, new
        {
            rootId = filter.RootId, spaceId = filter.SpaceId, count, offset, fromPosition = at.Position, fromId = at.Id,
        });
    }

    /// <summary>Where a keyset page of children starts (properties, which Dapper fills from either engine's integer types).</summary>
    private sealed class ChildKey
    {
        public int Position { get; init; }
        public long Id { get; init; }
    }

    /// <summary>
    /// One page of a keyset walk over the current child pages of a page (v2's children listings): the rows after
    /// <paramref name="after"/> in <paramref name="order"/> (<see cref="ContentSortKey.Position"/> is the page tree's
    /// own order), the id breaking ties. The visibility filter is the one <see cref="ChildPagesAsync"/> reads from
    /// <c>ix_content_children</c>: in the tree's own order a page deep in a big family starts at its key in that index and
    /// costs what the first does; the date and id orders sort the family's rows first. With <paramref name="wholeTree"/>,
    /// the children of every page-tree type (<see cref="PageTreeTypes"/>: folders, whiteboards... beside pages).
    /// </summary>
    public Task<IReadOnlyList<ContentRecord>> ChildPagesAfterAsync(
        long rootId, long spaceId, Viewer viewer, ContentOrder order, Keyset? after, int count, CancellationToken ct = default,
        bool wholeTree = false)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new
        {
            rootId, spaceId, count, afterValue = order.ParseValue(after?.Value), afterId = after?.Id ?? 0,
        });
        var direction = order.Descending ? "DESC" : "ASC";
        var comparison = order.Descending ? "<" : ">";
        var from = after is null ? ""
            : order.Key == ContentSortKey.Id ? $"AND c.id {comparison} @afterId"
            : $"AND ({order.Column}, c.id) {comparison} (@afterValue, @afterId)";
        var orderBy = order.Key == ContentSortKey.Id ? $"c.id {direction}" : $"{order.Column} {direction}, c.id {direction}";
        return db.QueryAsync<ContentRecord>(
            $"""
            SELECT {ContentStore.Columns} FROM content c
            WHERE c.parent_id = @rootId AND {(wholeTree ? $"c.type IN {PageTreeTypes.Sql}" : "c.type = 'page'")} AND c.status = 'current'
              AND c.space_id = @spaceId AND {read.Restrictions()}
              AND EXISTS (SELECT 1 FROM spaces s WHERE s.id = @spaceId AND {read.Space()}) {from}
            ORDER BY {orderBy}
            LIMIT @count
            """, parameters, ct);
    }

    /// <summary>
    /// One page of a keyset walk over the current descendants of a page (every page-tree type: pages, folders, whiteboards,
    /// databases, smart links, as Cloud's tree holds them), down to <paramref name="maxDepth"/> levels,
    /// level by level, then by position and id (v1's descendant order): the rows after <paramref name="after"/>, whose value
    /// is <c>depth:position</c> (<see cref="DescendantRecord.Key"/>). A page the viewer may not read hides its subtree, as
    /// read restrictions are inherited. Each page re-walks the tree to the asked depth but reads whole rows only for its own.
    /// A key that does not parse starts from the beginning; callers hand back only keys this walk made.
    /// </summary>
    public Task<IReadOnlyList<DescendantRecord>> DescendantPagesAfterAsync(
        long rootId, long spaceId, Viewer viewer, int maxDepth, Keyset? after, int count, CancellationToken ct = default)
    {
        var (depth, position) = DescendantRecord.ParseKey(after?.Value);
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new
        {
            rootId, spaceId, maxDepth = Math.Min(maxDepth, DepthLimit), count, afterDepth = depth, afterPosition = position,
            afterId = after?.Id ?? 0,
        });
        var from = after is null ? "" : "AND (tree.depth, tree.position, tree.id) > (@afterDepth, @afterPosition, @afterId)";
        return db.WithValuePlansAsync(() => db.QueryAsync<DescendantRecord>(
            $"""
            WITH RECURSIVE tree (id, depth, position, status, space_id) AS (
                SELECT r.id, 1, r.position, r.status, r.space_id FROM content r WHERE r.parent_id = @rootId AND r.type IN {PageTreeTypes.Sql}
                UNION ALL
                SELECT k.id, tree.depth + 1, k.position, k.status, k.space_id FROM tree CROSS JOIN content k
                WHERE k.parent_id = tree.id AND k.type IN {PageTreeTypes.Sql} AND tree.depth < @maxDepth
            ),
            listed (id, depth, position) AS (
                SELECT tree.id, tree.depth, tree.position FROM tree
                WHERE tree.space_id = @spaceId AND tree.status = 'current' AND {read.Restrictions("tree")}
                  AND EXISTS (SELECT 1 FROM spaces s WHERE s.id = @spaceId AND {read.Space()}) {from}
                ORDER BY tree.depth, tree.position, tree.id
                LIMIT @count
            )
            SELECT c.id, c.type, c.status, c.title, c.parent_id, c.space_id, c.updated_at, listed.depth, listed.position
            FROM listed CROSS JOIN content c
            WHERE c.id = listed.id
            ORDER BY listed.depth, listed.position, listed.id
            """, parameters, ct), ct);
    }

    /// <summary>
    /// Current content of one type in a space, by id; with <paramref name="rootOnly"/>, only pages at the top of the space.
    /// The page is chosen over ids alone (<c>ix_content_space_keyset</c>, index-only where the rule needs no other column),
    /// then its rows are read: skipping 5,000 whole rows to an offset read each of them from the table on PostgreSQL
    /// (40 ms for start=5000 against 6 ms for the first page at 10,000 pages).
    /// </summary>
    public Task<IReadOnlyList<ContentRecord>> InSpaceAsync(
        long spaceId, string type, bool rootOnly, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { spaceId, type, count, offset });
        return db.QueryAsync<ContentRecord>(
            $"""
            SELECT {ContentStore.Columns} FROM (
                SELECT c.id AS hit_id FROM content c JOIN spaces s ON s.id = c.space_id
                WHERE c.space_id = @spaceId AND c.type = @type AND c.status = 'current'
                  AND {read.Content(ContentRows.Current)} {(rootOnly ? "AND c.parent_id IS NULL" : "")}
                ORDER BY c.id
                LIMIT @count OFFSET @offset) hit
            CROSS JOIN content c WHERE c.id = hit.hit_id
            ORDER BY c.id
            """, parameters, ct);
    }

    /// <summary>
    /// One page of a keyset walk over the current top-level items of a space's page tree the viewer may read (pages, folders,
    /// whiteboards, databases, smart links: <see cref="PageTreeTypes"/>), in the tree's order (position, then id, as children
    /// are ordered): the rows after <paramref name="after"/>, whose value is the position (<see cref="TreeRootsQuery.Position"/>).
    /// A page deep in a level of thousands costs what the first does (<see cref="TreeRootsQuery"/>), and items added or removed
    /// behind the walk neither repeat nor hide what follows, as an offset would.
    /// </summary>
    public Task<IReadOnlyList<ContentRecord>> TreeRootsAfterAsync(long spaceId, Viewer viewer, Keyset? after, int count, CancellationToken ct = default)
    {
        var (sql, parameters) = TreeRootsQuery.Build(db.Dialect, spaceId, viewer, after, count);
        return db.QueryAsync<ContentRecord>(sql, parameters, ct);
    }

    /// <summary>
    /// Which of the given items of one space's page tree have a current child of a page-tree type the viewer may read, in
    /// one query for a whole tree level: what decides whether a node shows an expand control. Only readable children count,
    /// so a restricted child does not betray itself through its parent's control.
    /// </summary>
    public async Task<IReadOnlySet<long>> WithReadableChildrenAsync(
        IReadOnlyCollection<long> ids, long spaceId, Viewer viewer, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new HashSet<long>();
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { ids = ids.ToArray(), spaceId });
        var rows = await db.QueryAsync<long>(
            $"""
            SELECT p.id FROM content p
            WHERE {db.InList("p.id", "ids")}
              AND EXISTS (SELECT 1 FROM spaces s WHERE s.id = @spaceId AND {read.Space()})
              AND EXISTS (SELECT 1 FROM content c
                          WHERE c.parent_id = p.id AND c.type IN {PageTreeTypes.Sql} AND c.status = 'current'
                            AND c.space_id = @spaceId AND {read.Restrictions()})
            """, parameters, ct);
        return rows.ToHashSet();
    }

    /// <summary>The content and everything below it: child pages, their comments and replies (UNION drops the repeats).</summary>
    private const string Subtree =
        """
        WITH RECURSIVE subtree (id) AS (
            SELECT @id
            UNION
            SELECT k.id FROM subtree CROSS JOIN content k WHERE k.parent_id = subtree.id OR k.container_id = subtree.id
        )
        """;

    /// <summary>
    /// The ids of a page's current children in the tree's order (position, then id): what <c>page_children_reordered</c> reports.
    /// Folders, whiteboards... are among them: they share their siblings' positions, so moving one reorders the family too.
    /// </summary>
    public Task<IReadOnlyList<long>> ChildPageOrderAsync(long parentId, CancellationToken ct = default) =>
        db.QueryAsync<long>(
            $"SELECT id FROM content WHERE parent_id = @parentId AND type IN {PageTreeTypes.Sql} AND status = 'current' ORDER BY position, id",
            new { parentId }, ct);

    /// <summary>Makes room at <paramref name="from"/> among the pages under a parent (or at the top of a space).</summary>
    public Task ShiftSiblingsAsync(long spaceId, long? parentId, int from, long movingId, CancellationToken ct = default) =>
        db.ExecuteAsync(
            $"""
            UPDATE content SET position = position + 1
            WHERE space_id = @spaceId AND type IN {PageTreeTypes.Sql} AND {(parentId is null ? "parent_id IS NULL" : "parent_id = @parentId")}
              AND position >= @from AND id <> @movingId
            """, new { spaceId, parentId, from, movingId }, ct);

    /// <summary>
    /// Puts the page at its new place (a move is no edit, so no new version); when it changes space, its whole subtree goes along in
    /// one statement, and it trades the read guards of its old parent for those of the new one. Answers false when a title is
    /// taken in the new space (the unique index decides).
    /// </summary>
    public async Task<bool> TryMoveAsync(long id, long? fromParentId, long? parentId, int position, long spaceId, CancellationToken ct = default)
    {
        try
        {
            await db.ExecuteAsync(
                "UPDATE content SET parent_id = @parentId, position = @position WHERE id = @id",
                new { id, parentId, position }, ct);
            await db.ExecuteAsync(
                $"{Subtree} UPDATE content SET space_id = @spaceId WHERE id IN (SELECT id FROM subtree) AND space_id <> @spaceId",
                new { id, spaceId }, ct);
            await guards.MoveAsync([id], fromParentId, parentId, ct);
            return true;
        }
        catch (DbException e) when (ContentStore.IsUniqueViolation(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Pages (and folders, whiteboards... of the page tree, through which the chain runs) whose parent chain never reaches the top
    /// of their space: the members of a parent cycle and the pages below one.
    /// Every other page is reached by walking down from the top-level pages (one index probe per page, no depth limit needed:
    /// the walk cannot enter a cycle, whose members' parents are all in it). Only pages: comments never change parent.
    /// </summary>
    public Task<IReadOnlyList<UnrootedPageRecord>> UnrootedPagesAsync(CancellationToken ct = default) =>
        db.QueryAsync<UnrootedPageRecord>(
            $"""
            WITH RECURSIVE rooted (id) AS (
                SELECT r.id FROM content r WHERE r.parent_id IS NULL AND r.type IN {PageTreeTypes.Sql}
                UNION ALL
                SELECT k.id FROM rooted CROSS JOIN content k WHERE k.parent_id = rooted.id AND k.type IN {PageTreeTypes.Sql}
            )
            SELECT c.id, c.parent_id, c.space_id FROM content c
            WHERE c.type IN {PageTreeTypes.Sql} AND c.parent_id IS NOT NULL AND c.id NOT IN (SELECT id FROM rooted)
            ORDER BY c.id
            """, ct: ct);

    /// <summary>The space's homepage, if it is a current page.</summary>
    public Task<long?> CurrentHomepageAsync(long spaceId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            """
            SELECT h.id FROM spaces s JOIN content h ON h.id = s.homepage_id
            WHERE s.id = @spaceId AND h.type = 'page' AND h.status = 'current'
            """, new { spaceId }, ct);

    /// <summary>
    /// Hangs a page that lost its place (a member of a parent cycle) under <paramref name="parentId"/>, or at the top of its space,
    /// at <paramref name="position"/>, and computes its subtree's read guards afresh: a cycle left them meaningless to trade.
    /// </summary>
    public async Task ReattachAsync(long id, long? parentId, int position, CancellationToken ct = default)
    {
        await db.ExecuteAsync("UPDATE content SET parent_id = @parentId, position = @position WHERE id = @id", new { id, parentId, position }, ct);
        await guards.RecomputeSubtreeAsync(id, ct);
    }

    /// <summary>Whether a current page of the subtree has the title of a current page of another space.</summary>
    public Task<bool> SubtreeTitleClashAsync(long id, long spaceId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            $"""
            {Subtree}
            SELECT EXISTS (SELECT 1 FROM content moved JOIN content there ON there.title_lower = moved.title_lower
                           WHERE moved.id IN (SELECT id FROM subtree) AND moved.type = 'page' AND moved.status = 'current'
                             AND there.space_id = @spaceId AND there.type = 'page' AND there.status = 'current'
                             AND there.id NOT IN (SELECT id FROM subtree))
            """, new { id, spaceId }, ct);

    /// <summary>
    /// A page and (with <paramref name="descendants"/>) its current descendant pages that the viewer
    /// may read, parents before children: what a hierarchy copy takes. A page the viewer may not read
    /// hides its whole subtree (read restrictions are inherited), so the copy stays a connected tree.
    /// </summary>
    public Task<IReadOnlyList<ContentRecord>> PageTreeAsync(long rootId, bool descendants, Viewer viewer, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { rootId, maxDepth = descendants ? DepthLimit : 0 });
        return db.QueryAsync<ContentRecord>(
            $"""
            WITH RECURSIVE tree (id, depth) AS (
                SELECT @rootId, 0
                UNION ALL
                SELECT k.id, tree.depth + 1 FROM tree CROSS JOIN content k
                WHERE k.parent_id = tree.id AND k.type = 'page' AND k.status = 'current' AND tree.depth < @maxDepth
            )
            SELECT {ContentStore.Columns} FROM tree CROSS JOIN content c
            WHERE c.id = tree.id AND {read.Restrictions()}
            ORDER BY tree.depth, c.position, c.id
            """, parameters, ct);
    }

    /// <summary>Which of the given titles (lower-cased) current pages of the space already have.</summary>
    public Task<IReadOnlyList<string>> TakenTitlesAsync(long spaceId, IReadOnlyCollection<string> titlesLower, CancellationToken ct = default) =>
        titlesLower.Count == 0
            ? Task.FromResult<IReadOnlyList<string>>([])
            : db.QueryAsync<string>(
                $"""
                SELECT title FROM content
                WHERE space_id = @spaceId AND type = 'page' AND status = 'current' AND {db.InList("title_lower", "titles")}
                """, new { spaceId, titles = titlesLower.ToArray() }, ct);

    /// <summary>
    /// Trashes a current page and everything current of the page tree below it (pages, and the folders, whiteboards,
    /// databases and smart links of <see cref="PageTreeTypes"/>, through which the tree runs) that the viewer may read, in one
    /// statement; the tree keeps its shape in the trash. Stopping at a folder would leave its pages current under a trashed
    /// parent, out of the tree, and purging the page would then delete them for good (parent_id cascades). Items hidden from the
    /// viewer (and so their subtrees) stay where they are: nobody deletes what they cannot see. Running it again changes
    /// nothing, which makes its task rerunnable. Answers each trashed item with its type, which names its event.
    /// </summary>
    public Task<IReadOnlyList<TreeItemRecord>> TrashPageTreeAsync(long rootId, long now, Viewer viewer, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { rootId, now });
        return db.QueryAsync<TreeItemRecord>(
            $"""
            WITH RECURSIVE subtree (id) AS (
                SELECT @rootId
                UNION
                SELECT k.id FROM subtree CROSS JOIN content k WHERE k.parent_id = subtree.id AND k.type IN {PageTreeTypes.Sql}
            )
            UPDATE content SET status = 'trashed', status_before_trash = status, updated_at = @now
            WHERE id IN (SELECT id FROM subtree) AND type IN {PageTreeTypes.Sql} AND status = 'current' AND {read.Restrictions("content")}
            RETURNING id, type
            """, parameters, ct);
    }

    /// <summary>Archives the current pages among the ids; the others (already archived, trashed meanwhile) stay as they are.</summary>
    public Task<int> ArchivePagesAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        db.ExecuteAsync(
            $"UPDATE content SET status = 'archived' WHERE {db.InList("id", "ids")} AND type = 'page' AND status = 'current'",
            new { ids = ids.ToArray() }, ct);

    /// <summary>
    /// The first <paramref name="perRoot"/> children (or, deeper, descendants) of type <paramref name="type"/>
    /// of each given content, in one query, for the <c>children.*</c>/<c>descendants.*</c> expansions of a
    /// page of content; same visibility and order as <see cref="ListAsync"/>.
    /// </summary>
    public Task<IReadOnlyList<TreeMemberRecord>> MembersOfManyAsync(
        IReadOnlyCollection<long> rootIds, string type, int maxDepth, int perRoot, Viewer viewer, CancellationToken ct = default)
    {
        if (rootIds.Count == 0) return Task.FromResult<IReadOnlyList<TreeMemberRecord>>([]);
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new
        {
            rootIds = rootIds.ToArray(), type, maxDepth = Math.Min(maxDepth, DepthLimit), perRoot,
        });
        var roots = type == "page"
            ? $"SELECT r.parent_id, r.id, 1 FROM content r WHERE {db.InList("r.parent_id", "rootIds")} AND r.type = 'page'"
            : $"SELECT r.container_id, r.id, 1 FROM content r WHERE {db.InList("r.container_id", "rootIds")} AND r.type = @type AND r.parent_id IS NULL";
        return db.QueryAsync<TreeMemberRecord>(
            $"""
            WITH RECURSIVE tree (root_id, id, depth) AS (
                {roots}
                UNION ALL
                SELECT tree.root_id, k.id, tree.depth + 1 FROM tree CROSS JOIN content k
                WHERE k.parent_id = tree.id AND k.type = @type AND tree.depth < @maxDepth
            )
            SELECT of_id, id, type, status, title, space_id FROM (
                SELECT tree.root_id AS of_id, c.id, c.type, c.status, c.title, c.space_id,
                       ROW_NUMBER() OVER (PARTITION BY tree.root_id ORDER BY tree.depth, c.position, c.id) AS rn
                FROM tree CROSS JOIN content c JOIN spaces s ON s.id = c.space_id
                WHERE c.id = tree.id AND c.status = 'current' AND {read.Content(ContentRows.Current)}
            ) ranked
            WHERE rn <= @perRoot
            ORDER BY of_id, rn
            """, parameters, ct);
    }
}
