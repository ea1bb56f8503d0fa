using System.Data.Common;
using Dapper;
using Quire.Storage.Dialects;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;
using Quire.Storage.Users;
using Quire.Storage.Visibility;

namespace Quire.Storage.Content;

/// <summary>
/// Rows of <c>content</c>. Reads never return content of a space that is being deleted, and
/// reads for a viewer apply the space's read permission and the read restrictions in the query.
/// Writes that give content a place (create, re-parent, trash) keep its inherited read guards.
/// </summary>
public sealed class ContentStore(DbSession db, ReadGuardStore guards, Search.SearchIndexStore search)
{
    public const string Columns =
        "c.id, c.type, c.status, c.space_id, c.parent_id, c.container_id, c.position, c.title, c.body_storage, c.version, " +
        "c.version_message, c.minor_edit, c.comment_location, c.inline_properties, c.posting_day, c.status_before_trash, " +
        "c.created_by, c.created_at, c.updated_by, c.updated_at, c.owner_id, c.last_owner_id";

    internal const string SpaceColumns =
        "s.id, s.key, s.name, s.type, s.status, s.description, s.homepage_id, s.route_override_enabled, s.created_by, s.created_at";

    /// <summary>Every version of every piece of content: the archived ones and the current row as its latest version.</summary>
    private const string AllVersions =
        """
        (SELECT content_id, number, title, status, body_storage, parent_id, message, minor_edit, created_by, created_at
           FROM content_versions
         UNION ALL
         SELECT id, version, title, status, body_storage, parent_id, version_message, minor_edit, updated_by, updated_at
           FROM content)
        """;

    public Task<ContentRecord?> FindAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ContentRecord>(
            $"""
            SELECT {Columns} FROM content c JOIN spaces s ON s.id = c.space_id
            WHERE c.id = @id AND s.pending_deletion = @pending
            """, new { id, pending = false }, ct);

    /// <summary>
    /// The content row as it is now, held until the caller's transaction ends (call it inside
    /// one). Writes that name no version (an upload, a content state) take turns on it, so each
    /// reads the version the one before it wrote and makes the next, where reading first and
    /// writing later would let all but one of them fail the version check. On PostgreSQL the
    /// row is locked <c>FOR NO KEY UPDATE</c>, which other writers of the row wait for but inserts
    /// that refer to it (a comment, an attachment) do not; SQLite's write transaction already
    /// holds the database's one write lock from its start.
    /// </summary>
    public Task<ContentRecord?> LockAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<ContentRecord>(
            $"SELECT {Columns} FROM content c WHERE c.id = @id{db.Dialect.LockRowsForUpdate}",
            new { id }, ct);

    /// <summary>
    /// The content with its space, if the viewer may read that space and passes the content's
    /// read restrictions: the check every content call starts with, in one query (<see cref="ContentReadQuery"/>),
    /// and a second only for content that hangs off a container. Trashed content is seen by the
    /// space's admins only. What hangs off someone else's draft (an attachment uploaded to it) or
    /// off a trashed page is as hidden as that container. The version's author and the creator
    /// come with the row (v2 answers the creator's account id).
    /// </summary>
    public async Task<(ContentRecord Content, SpaceRecord Space)?> FindReadableAsync(long id, Viewer viewer, CancellationToken ct = default)
    {
        var row = await db.QueryFirstRowAsync(ContentReadQuery.Row(db.Dialect), ReadRule.ForOneRow(viewer, id), ReadableRow.Read, ct);
        if (row is null) return null;
        // A container deleted in between deletes the row with it (ON DELETE CASCADE), so this answers "hidden" then too.
        if (row.Content.ContainerId is { } containerId
            && !await db.ExecuteScalarAsync<bool>(ContentReadQuery.ContainerReadable(db.Dialect), ReadRule.ForOneRow(viewer, containerId), ct))
            return null;
        return (row.Content, row.Space);
    }

    /// <summary>
    /// A row of <see cref="ContentReadQuery.Row"/>, read by ordinal: the content's columns (<see cref="Columns"/>, the body
    /// as UTF-8), the space's (<see cref="SpaceColumns"/>), then the author's and the creator's (<c>UserStore</c>'s,
    /// null when the user is gone). Nulls leave a member at its default, as Dapper's mapping does elsewhere.
    /// </summary>
    private sealed record ReadableRow(ContentRecord Content, SpaceRecord Space)
    {
        private const int SpaceAt = 22, AuthorAt = 32, CreatorAt = 42, ColumnCount = 52;

        public static ReadableRow Read(DbDataReader r)
        {
            if (r.FieldCount != ColumnCount) throw new InvalidOperationException($"The content read has {r.FieldCount} columns, its reader {ColumnCount}.");
            var content = new ContentRecord
            {
                Id = r.GetInt64(0), Type = r.GetString(1), Status = r.GetString(2), SpaceId = r.GetInt64(3),
                ParentId = Int64OrNull(r, 4), ContainerId = Int64OrNull(r, 5), Position = r.GetInt32(6), Title = r.GetString(7),
                BodyStorageUtf8 = r.IsDBNull(8) ? [] : r.GetFieldValue<byte[]>(8), Version = r.GetInt32(9),
                VersionMessage = StringOrNull(r, 10) ?? "", MinorEdit = r.GetBoolean(11), CommentLocation = StringOrNull(r, 12),
                InlineProperties = StringOrNull(r, 13), PostingDay = StringOrNull(r, 14), StatusBeforeTrash = StringOrNull(r, 15),
                CreatedBy = Int64OrNull(r, 16), CreatedAt = r.GetInt64(17), UpdatedBy = Int64OrNull(r, 18), UpdatedAt = r.GetInt64(19),
                OwnerId = Int64OrNull(r, 20), LastOwnerId = Int64OrNull(r, 21),
            };
            content.UpdatedByUser = User(r, AuthorAt);
            content.CreatedByUser = User(r, CreatorAt);
            var space = new SpaceRecord
            {
                Id = r.GetInt64(SpaceAt), Key = r.GetString(SpaceAt + 1), Name = r.GetString(SpaceAt + 2), Type = r.GetString(SpaceAt + 3),
                Status = r.GetString(SpaceAt + 4), Description = StringOrNull(r, SpaceAt + 5) ?? "", HomepageId = Int64OrNull(r, SpaceAt + 6),
                RouteOverrideEnabled = r.GetBoolean(SpaceAt + 7), CreatedBy = Int64OrNull(r, SpaceAt + 8), CreatedAt = r.GetInt64(SpaceAt + 9),
            };
            return new ReadableRow(content, space);
        }

        private static UserRecord? User(DbDataReader r, int at) => r.IsDBNull(at) ? null : new UserRecord
        {
            Id = r.GetInt64(at), AccountId = r.GetString(at + 1), UserName = r.GetString(at + 2), Email = r.GetString(at + 3),
            DisplayName = r.GetString(at + 4), PasswordHash = StringOrNull(r, at + 5), TimeZone = StringOrNull(r, at + 6) ?? "UTC",
            CreatedAt = r.GetInt64(at + 7), RemovedAt = Int64OrNull(r, at + 8), AccountType = StringOrNull(r, at + 9) ?? AccountTypes.Atlassian,
        };

        private static long? Int64OrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        private static string? StringOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    }

    public Task<IReadOnlyList<ContentRecord>> FindManyAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        ids.Count == 0
            ? Task.FromResult<IReadOnlyList<ContentRecord>>([])
            : db.QueryAsync<ContentRecord>(
                $"SELECT {Columns} FROM content c WHERE {db.InList("c.id", "ids")}", new { ids = ids.ToArray() }, ct);

    /// <summary>The spaces a page of content lives in, in one query.</summary>
    public Task<IReadOnlyList<SpaceRecord>> SpacesAsync(IReadOnlyCollection<long> spaceIds, CancellationToken ct = default) =>
        spaceIds.Count == 0
            ? Task.FromResult<IReadOnlyList<SpaceRecord>>([])
            : db.QueryAsync<SpaceRecord>(
                $"SELECT {SpaceColumns} FROM spaces s WHERE {db.InList("s.id", "ids")}", new { ids = spaceIds.ToArray() }, ct);

    /// <summary>
    /// One page of the content the viewer may read, ordered by id. Visibility is decided in
    /// the query; drafts are seen only by their author, trashed content only by the space's admins,
    /// and comments only where their page or blog post is seen.
    /// </summary>
    public Task<IReadOnlyList<ContentRecord>> ListAsync(ContentFilter filter, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new
        {
            type = filter.Type, statuses = filter.Statuses?.ToArray(), spaceKey = filter.SpaceKeyLower, title = filter.TitleLower,
            postingDay = filter.PostingDay, count, offset,
        });
        // Only a listing that may hold trashed rows pays for the trash check.
        var rows = filter.Statuses is null || filter.Statuses.Contains("trashed") ? ContentRows.AnyStatus : ContentRows.Drafts;
        var where = new List<string> { read.Content(rows), "c.type = @type" };
        if (filter.Statuses is not null) where.Add(db.InList("c.status", "statuses"));
        if (filter.Type == "comment" || CustomContent.CustomContentKeys.Is(filter.Type))
            where.Add($"NOT EXISTS (SELECT 1 FROM content k WHERE k.id = c.container_id AND {read.Container("k")} IS NOT TRUE)");
        if (filter.SpaceKeyLower is not null) where.Add("s.key_lower = @spaceKey");
        if (filter.TitleLower is not null) where.Add("c.title_lower = @title");
        if (filter.PostingDay is not null) where.Add("c.posting_day = @postingDay");
        return db.QueryAsync<ContentRecord>(
            $"""
            SELECT {Columns} FROM content c JOIN spaces s ON s.id = c.space_id
            WHERE {string.Join(" AND ", where)}
            ORDER BY c.id
            LIMIT @count OFFSET @offset
            """, parameters, ct);
    }

    /// <summary>
    /// One page of a keyset walk over the content the viewer may read (v2's listings): the rows
    /// after <paramref name="after"/> in <paramref name="order"/>, the id breaking ties, so a walk
    /// visits every row once while others are added or removed. Visibility is decided in the query,
    /// as in <see cref="ListAsync"/>; the walk is bounded by the listing indexes, never an offset
    /// (<see cref="ContentListingQuery"/> writes it).
    /// </summary>
    public Task<IReadOnlyList<ContentRecord>> ListAfterAsync(
        ContentListing listing, Viewer viewer, ContentOrder order, Keyset? after, int count, CancellationToken ct = default)
    {
        var (sql, parameters) = ContentListingQuery.Build(db.Dialect, listing, viewer, order, after, count);
        return db.QueryAsync<ContentRecord>(sql, parameters, ct);
    }

    /// <summary>Whether another current piece of content of this type already has the title (pages per space, blog posts per space and day).</summary>
    public Task<bool> TitleTakenAsync(ContentRecord content, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM content
                           WHERE space_id = @SpaceId AND type = @Type AND status = 'current' AND title_lower = @TitleLower
                             AND id <> @Id AND (type <> 'blogpost' OR posting_day = @PostingDay))
            """, new { content.SpaceId, content.Type, TitleLower = content.Title.ToLowerInvariant(), content.Id, content.PostingDay }, ct);

    /// <summary>
    /// The position after the last sibling under the parent (or at the top of the space); the page tree's types
    /// (<see cref="PageTreeTypes"/>) are siblings of one another, so a folder after two pages comes third.
    /// </summary>
    public Task<int> NextPositionAsync(long spaceId, string type, long? parentId, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<int>(
            $"""
            SELECT COALESCE(MAX(position), -1) + 1 FROM content
            WHERE space_id = @spaceId AND {(PageTreeTypes.Contains(type) ? $"type IN {PageTreeTypes.Sql}" : "type = @type")}
              AND {(parentId is null ? "parent_id IS NULL" : "parent_id = @parentId")}
            """, new { spaceId, type, parentId }, ct);

    /// <summary>
    /// <see cref="TryInsertAsync(ContentRecord, CancellationToken)"/> with the body's text in the full-text index: inside a
    /// transaction on SQLite the search row is written once, whole, before the content (<see cref="Search.SearchIndexStore.TryWriteAheadAsync"/>);
    /// otherwise the insert's trigger writes it with the title and the text is set after. An insert that throws leaves the
    /// row written ahead to the rollback of the writer's savepoint, which the exception brings about: a caller must not catch
    /// it and commit.
    /// </summary>
    public async Task<long?> TryInsertAsync(ContentRecord content, string searchText, CancellationToken ct = default)
    {
        var ahead = await search.TryWriteAheadAsync(content.Title, searchText, ct);
        var id = await TryInsertAsync(content, ct);
        if (ahead is { } written && written == id) return id;
        // Not inserted (its title is taken), so the row written ahead belongs to no content; or, were the id not the one
        // foreseen, the trigger wrote the row without the text.
        if (ahead is { } unused) await search.DeleteAsync(unused, ct);
        if (id is { } inserted) await search.SetBodyAsync(inserted, searchText, ct);
        return id;
    }

    /// <summary>
    /// Inserts the content, which takes the read guards of its container or parent; answers null
    /// when its title is taken (the unique indexes catch a concurrent create).
    /// </summary>
    public async Task<long?> TryInsertAsync(ContentRecord content, CancellationToken ct = default)
    {
        var id = await db.ExecuteScalarAsync<long?>(
            """
            INSERT INTO content (type, status, space_id, parent_id, container_id, position, title, title_lower, body_storage, version,
                                 version_message, minor_edit, comment_location, inline_properties, posting_day,
                                 created_by, created_at, updated_by, updated_at)
            VALUES (@Type, @Status, @SpaceId, @ParentId, @ContainerId, @Position, @Title, @TitleLower, @BodyStorage, @Version,
                    @VersionMessage, @MinorEdit, @CommentLocation, @InlineProperties, @PostingDay,
                    @CreatedBy, @CreatedAt, @UpdatedBy, @UpdatedAt)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new
            {
                content.Type, content.Status, content.SpaceId, content.ParentId, content.ContainerId, content.Position, content.Title,
                TitleLower = content.Title.ToLowerInvariant(), content.BodyStorage, content.Version, content.VersionMessage,
                content.MinorEdit, content.CommentLocation, content.InlineProperties, content.PostingDay,
                content.CreatedBy, content.CreatedAt, content.UpdatedBy, content.UpdatedAt,
            }, ct);
        if (id is { } inserted) await guards.InheritAsync(inserted, content.ContainerId ?? content.ParentId, ct);
        return id;
    }

    /// <summary>
    /// Inserts new current pages (no comment, blog or edit fields: those stay at their defaults) in one statement, each column
    /// one array parameter, each page taking its parent's read guards as <see cref="TryInsertAsync"/> does: for a bulk load
    /// (<c>CorpusLoader</c>), where a statement per page made PostgreSQL's load a round trip per row. Parents must exist before
    /// the call (their ids are given, so none can be among these pages). Answers the ids in the pages' order, null for a page
    /// whose title its space already has.
    /// </summary>
    public async Task<long?[]> TryInsertPagesAsync(IReadOnlyList<ContentRecord> pages, CancellationToken ct = default)
    {
        if (pages.Any(p => p.ContainerId is not null || p.MinorEdit || p.CommentLocation is not null || p.InlineProperties is not null || p.PostingDay is not null))
            throw new ArgumentException("Only pages, without comment, blog post or edit fields, are inserted in bulk.", nameof(pages));
        const string columns = "type, status, space_id, parent_id, position, title, title_lower, body_storage, version, version_message, created_by, created_at, updated_by, updated_at";
        // The array parameters are named apart from the columns: PostgreSQL names unnest's columns after them, and some
        // column names (type, position) are keywords there.
        var rows = await db.QueryAsync<(long Id, long SpaceId, string Title)>(
            $"""
            INSERT INTO content ({columns})
            SELECT p_type, p_status, p_space, p_parent, p_position, p_title, p_title_lower, p_body, p_version, p_message, p_created_by, p_created_at, p_updated_by, p_updated_at
            FROM {db.Dialect.ArrayColumns("p", "p_type", "p_status", "p_space", "p_parent", "p_position", "p_title", "p_title_lower", "p_body",
                "p_version", "p_message", "p_created_by", "p_created_at", "p_updated_by", "p_updated_at")}
            WHERE TRUE
            ON CONFLICT DO NOTHING
            RETURNING id, space_id, title
            """,
            new
            {
                p_type = pages.Select(p => p.Type).ToArray(),
                p_status = pages.Select(p => p.Status).ToArray(),
                p_space = pages.Select(p => p.SpaceId).ToArray(),
                p_parent = pages.Select(p => p.ParentId).ToArray(),
                p_position = pages.Select(p => p.Position).ToArray(),
                p_title = pages.Select(p => p.Title).ToArray(),
                p_title_lower = pages.Select(p => p.Title.ToLowerInvariant()).ToArray(),
                p_body = pages.Select(p => p.BodyStorage).ToArray(),
                p_version = pages.Select(p => p.Version).ToArray(),
                p_message = pages.Select(p => p.VersionMessage).ToArray(),
                p_created_by = pages.Select(p => p.CreatedBy).ToArray(),
                p_created_at = pages.Select(p => p.CreatedAt).ToArray(),
                p_updated_by = pages.Select(p => p.UpdatedBy).ToArray(),
                p_updated_at = pages.Select(p => p.UpdatedAt).ToArray(),
            }, ct);
        // Neither engine promises RETURNING's order; a page is known by its title, unique in its space.
        var inserted = rows.ToDictionary(r => (r.SpaceId, r.Title), r => r.Id);
        var ids = pages.Select(p => inserted.TryGetValue((p.SpaceId, p.Title), out var id) ? id : (long?)null).ToArray();
        var withParent = Enumerable.Range(0, pages.Count).Where(i => ids[i] is not null && pages[i].ParentId is not null).ToArray();
        await guards.InheritManyAsync(withParent.Select(i => ids[i]!.Value).ToArray(), withParent.Select(i => pages[i].ParentId!.Value).ToArray(), ct);
        return ids;
    }

    /// <summary>
    /// Puts an inline comment's highlight into the current version's body, in place: a highlight is no edit (no new version, the
    /// same author and time), as Confluence Cloud shows none in the page's history. Only at the version read (false otherwise).
    /// </summary>
    public async Task<bool> TryWriteHighlightAsync(long id, int version, string bodyStorage, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "UPDATE content SET body_storage = @bodyStorage WHERE id = @id AND version = @version",
            new { id, version, bodyStorage }, ct) == 1;

    /// <summary>
    /// Writes a new state of the content only if it is still at the <paramref name="previous"/> state's
    /// version: of two writers that read the same version, exactly one gets past this condition. A new
    /// parent brings its read guards along.
    /// </summary>
    public async Task<ContentWriteOutcome> TryUpdateAsync(ContentRecord content, ContentRecord previous, CancellationToken ct = default)
    {
        var expectedVersion = previous.Version;
        // The place is written only when it changes (under the tree lock, see LockTreesAsync): a move is no edit and keeps the
        // version, so an edit that wrote back the parent it read could undo a concurrent move and close a cycle with it.
        var place = content.ParentId != previous.ParentId ? "parent_id = @ParentId, position = @Position, " : "";
        try
        {
            var rows = await db.ExecuteAsync(
                $"""
                UPDATE content SET status = @Status, {place}title = @Title, title_lower = @TitleLower,
                                   body_storage = @BodyStorage, version = @Version, version_message = @VersionMessage,
                                   minor_edit = @MinorEdit, status_before_trash = @StatusBeforeTrash,
                                   updated_by = @UpdatedBy, updated_at = @UpdatedAt, owner_id = @OwnerId, last_owner_id = @LastOwnerId
                WHERE id = @Id AND version = @expectedVersion
                """,
                new
                {
                    content.Id, content.Status, content.ParentId, content.Position, content.Title, TitleLower = content.Title.ToLowerInvariant(),
                    content.BodyStorage, content.Version, content.VersionMessage, content.MinorEdit, content.StatusBeforeTrash,
                    content.UpdatedBy, content.UpdatedAt, content.OwnerId, content.LastOwnerId, expectedVersion,
                }, ct);
            if (rows != 1) return ContentWriteOutcome.VersionConflict;
            if (content.ParentId != previous.ParentId) await guards.MoveAsync([content.Id], previous.ParentId, content.ParentId, ct);
            return ContentWriteOutcome.Done;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return ContentWriteOutcome.TitleTaken;
        }
    }

    /// <summary>
    /// Writes a draft's title and body if it is still a draft at the version read. Publishing keeps a draft's number, so
    /// the version alone cannot tell a draft from the page it became: the status condition keeps a late save from turning
    /// a published page back into a draft.
    /// </summary>
    public async Task<ContentWriteOutcome> TrySaveDraftAsync(ContentRecord draft, CancellationToken ct = default)
    {
        try
        {
            var rows = await db.ExecuteAsync(
                """
                UPDATE content SET title = @Title, title_lower = @TitleLower, body_storage = @BodyStorage,
                                   updated_by = @UpdatedBy, updated_at = @UpdatedAt
                WHERE id = @Id AND version = @Version AND status = 'draft'
                """,
                new { draft.Id, draft.Title, TitleLower = draft.Title.ToLowerInvariant(), draft.BodyStorage, draft.UpdatedBy, draft.UpdatedAt, draft.Version },
                ct);
            return rows == 1 ? ContentWriteOutcome.Done : ContentWriteOutcome.VersionConflict;
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return ContentWriteOutcome.TitleTaken;
        }
    }

    /// <summary>
    /// Moves content to the trash; its child pages move up to its parent, as in Confluence, and
    /// leave its read restriction behind. Answers false when the content is no longer as read
    /// (another status, or moved to another space meanwhile).
    /// </summary>
    public async Task<bool> TrashAsync(ContentRecord content, long now, CancellationToken ct = default)
    {
        // Handing the children up re-parents them: under the tree lock, and to the parent the content has now, not the one
        // read before the transaction, which a concurrent move may have changed (children put there could close a cycle).
        await LockTreesAsync([content.SpaceId], ct);
        var parents = await db.QueryAsync<long?>(
            """
            UPDATE content SET status = 'trashed', status_before_trash = status, updated_at = @now
            WHERE id = @Id AND status = @Status AND space_id = @SpaceId
            RETURNING parent_id
            """, new { content.Id, content.Status, content.SpaceId, now }, ct);
        if (parents.Count == 0) return false;
        var parentId = parents[0];
        var children = await db.QueryAsync<long>(
            $"UPDATE content SET parent_id = @parentId WHERE parent_id = @Id AND type IN {PageTreeTypes.Sql} RETURNING id", new { content.Id, parentId }, ct);
        await guards.MoveAsync(children, content.Id, parentId, ct);
        return true;
    }

    /// <summary>Identifies the page-tree lock of one space among PostgreSQL's two-key advisory locks.</summary>
    private const int TreeLockClass = 0x51545245; // "QTRE"

    /// <summary>
    /// Serialises changes to the shape of the page trees of these spaces until the transaction ends, so that a change of
    /// parent can check for cycles and write in one step: checked before the lock, X under Y and Y under X both passed and
    /// left a cycle. A tree lives in one space (moves to another space take the whole subtree along), so two re-parentings
    /// that could together close a cycle always share a lock. SQLite needs nothing more: its write transaction holds the
    /// database's write lock from its start (BEGIN IMMEDIATE). PostgreSQL takes a transaction-scoped advisory lock per space,
    /// in id order, so two moves between the same two spaces cannot deadlock; it is released when the transaction ends,
    /// after its commit, so the next holder reads the tree as the last one left it.
    /// </summary>
    public async Task LockTreesAsync(IEnumerable<long> spaceIds, CancellationToken ct = default)
    {
        if (!db.InTransaction) throw new InvalidOperationException("The page-tree lock lasts for a transaction: take it inside one.");
        if (db.Dialect.SerializesWriters) return;
        // Two int keys (a space id folded to 32 bits): a separate key space from the one-bigint locks (the migrator's), and a
        // folding collision only makes two spaces share a lock.
        foreach (var spaceId in spaceIds.Distinct().Order())
            await db.ExecuteAsync(
                "SELECT pg_advisory_xact_lock(@lockClass, @key)", new { lockClass = TreeLockClass, key = (int)(spaceId ^ (spaceId >> 32)) }, ct);
    }

    /// <summary>Deletes the row; its versions, comments, labels and properties go with it.</summary>
    public async Task<bool> PurgeAsync(long id, CancellationToken ct = default) =>
        await db.ExecuteAsync("DELETE FROM content WHERE id = @id", new { id }, ct) > 0;

    public Task InsertVersionAsync(ContentVersionRecord version, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO content_versions (content_id, number, title, status, body_storage, parent_id, message, minor_edit, created_by, created_at)
            VALUES (@ContentId, @Number, @Title, @Status, @BodyStorage, @ParentId, @Message, @MinorEdit, @CreatedBy, @CreatedAt)
            """, version, ct);

    /// <summary>Versions of one piece of content, newest first, the current one included.</summary>
    public Task<IReadOnlyList<ContentVersionRecord>> VersionsAsync(long contentId, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<ContentVersionRecord>(
            $"SELECT * FROM {AllVersions} v WHERE v.content_id = @contentId ORDER BY v.number DESC LIMIT @count OFFSET @offset",
            new { contentId, count, offset }, ct);

    /// <summary>
    /// One page of a keyset walk over a content's versions (v2's version listings), the current one
    /// included: the numbers after <paramref name="afterNumber"/> in the direction asked. Numbers
    /// grow with time, so they are the modified-date order itself, and a version added or deleted
    /// behind the walk shifts nothing ahead of it.
    /// </summary>
    public Task<IReadOnlyList<ContentVersionRecord>> VersionsAfterAsync(
        long contentId, bool newestFirst, int? afterNumber, int count, CancellationToken ct = default)
    {
        var from = afterNumber is null ? "" : newestFirst ? "AND v.number < @afterNumber" : "AND v.number > @afterNumber";
        return db.QueryAsync<ContentVersionRecord>(
            $"""
            SELECT * FROM {AllVersions} v WHERE v.content_id = @contentId {from}
            ORDER BY v.number {(newestFirst ? "DESC" : "ASC")} LIMIT @count
            """, new { contentId, afterNumber, count }, ct);
    }

    /// <summary>
    /// The type (and for comments the location) of each of the given ids that the viewer may read, in one
    /// query: the same rule as <see cref="FindReadableAsync"/> (drafts for their author, trash for the space's
    /// admins, what hangs off hidden content hidden with it). Ids missing from the answer are missing or hidden.
    /// </summary>
    public Task<IReadOnlyList<ContentTypeRecord>> TypesOfReadableAsync(
        IReadOnlyCollection<long> ids, Viewer viewer, CancellationToken ct = default)
    {
        if (ids.Count == 0) return Task.FromResult<IReadOnlyList<ContentTypeRecord>>([]);
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { ids = ids.ToArray() });
        return db.QueryAsync<ContentTypeRecord>(
            $"""
            SELECT c.id, c.type, c.comment_location FROM content c JOIN spaces s ON s.id = c.space_id
            LEFT JOIN content k ON k.id = c.container_id
            WHERE {db.InList("c.id", "ids")} AND {read.Content(ContentRows.AnyStatus)} AND (k.id IS NULL OR {read.Container("k")})
            """, parameters, ct);
    }

    /// <summary>The given version numbers of the given content (the current one included), in one query; callers pick their pairs.</summary>
    public Task<IReadOnlyList<ContentVersionRecord>> VersionsAsync(
        IReadOnlyCollection<long> contentIds, IReadOnlyCollection<int> numbers, CancellationToken ct = default) =>
        contentIds.Count == 0 || numbers.Count == 0
            ? Task.FromResult<IReadOnlyList<ContentVersionRecord>>([])
            : db.QueryAsync<ContentVersionRecord>(
                $"SELECT * FROM {AllVersions} v WHERE {db.InList("v.content_id", "ids")} AND {db.InList("v.number", "numbers")}",
                new { ids = contentIds.ToArray(), numbers = numbers.ToArray() }, ct);

    /// <summary>
    /// Deletes an archived version and numbers every later one, the current state included, one
    /// lower, as Confluence does (versions 1 to 4 without 3 are 1 to 3); answers false, changing
    /// nothing, when there is no such archived version. Call inside a transaction that holds the
    /// row (<see cref="LockAsync"/>), so no update adds a version meanwhile.
    /// </summary>
    public async Task<bool> DeleteVersionAsync(long contentId, int number, CancellationToken ct = default)
    {
        if (await db.ExecuteAsync(
                "DELETE FROM content_versions WHERE content_id = @contentId AND number = @number", new { contentId, number }, ct) == 0)
            return false;
        // Through negative numbers: both engines check (content_id, number) row by row, so moving
        // 4 to 3 before 5 to 4 in one statement could meet a number not yet moved.
        await db.ExecuteAsync(
            """
            UPDATE content_versions SET number = -number WHERE content_id = @contentId AND number > @number;
            UPDATE content_versions SET number = -number - 1 WHERE content_id = @contentId AND number < 0;
            UPDATE content SET version = version - 1 WHERE id = @contentId;
            """, new { contentId, number }, ct);
        return true;
    }

    /// <summary>The users who published any version of the given content, in one query.</summary>
    public Task<IReadOnlyList<PublisherRecord>> PublishersAsync(IReadOnlyCollection<long> contentIds, CancellationToken ct = default) =>
        contentIds.Count == 0
            ? Task.FromResult<IReadOnlyList<PublisherRecord>>([])
            : db.QueryAsync<PublisherRecord>(
                $"""
                SELECT DISTINCT v.content_id, v.created_by AS user_id FROM {AllVersions} v
                WHERE {db.InList("v.content_id", "ids")} AND v.created_by IS NOT NULL
                ORDER BY v.content_id, v.created_by
                """, new { ids = contentIds.ToArray() }, ct);

    /// <summary>
    /// The ancestors of each given piece of content, nearest first, in one recursive query; with a
    /// <paramref name="viewer"/>, only those the viewer may read: their restrictions, and neither someone
    /// else's draft nor (unless the viewer administers the space) trashed, as the read rule hides those
    /// everywhere else; an ancestor's id and title are what a reader of the child would otherwise learn.
    /// Internal checks such as cycle detection see them all.
    /// </summary>
    /// <summary>
    /// The nearest content at or above <paramref name="id"/> along the container chain that is not custom content (a page,
    /// blog post or page-tree kind): what governs the update restrictions of custom content and of what hangs off it, which
    /// cannot be restricted themselves. At most <see cref="Visibility.ReadRule.MaxContainerDepth"/> levels; null if none.
    /// </summary>
    public Task<long?> NearestRestrictableAsync(long id, CancellationToken ct = default) =>
        db.ExecuteScalarAsync<long?>(
            $"""
            WITH RECURSIVE up (id, custom, container_id, depth) AS (
                SELECT c.id, CASE WHEN {CustomContent.CustomContentKeys.Condition("c")} THEN 1 ELSE 0 END, c.container_id, 0
                FROM content c WHERE c.id = @id
                UNION ALL
                SELECT c.id, CASE WHEN {CustomContent.CustomContentKeys.Condition("c")} THEN 1 ELSE 0 END, c.container_id, up.depth + 1
                FROM up JOIN content c ON c.id = up.container_id
                WHERE up.custom = 1 AND up.depth < {Visibility.ReadRule.MaxContainerDepth}
            )
            SELECT id FROM up WHERE custom = 0 ORDER BY depth LIMIT 1
            """, new { id }, ct);

    public Task<IReadOnlyList<AncestorRecord>> AncestorsAsync(IReadOnlyCollection<long> ids, Viewer? viewer = null, CancellationToken ct = default)
    {
        if (ids.Count == 0) return Task.FromResult<IReadOnlyList<AncestorRecord>>([]);
        var parameters = new DynamicParameters(new { ids = ids.ToArray() });
        var visible = viewer is null ? "" : Readable(ReadRule.For(db.Dialect).For(viewer, parameters));
        return db.QueryAsync<AncestorRecord>(
            $"""
            WITH RECURSIVE chain (of_id, ancestor_id, depth) AS (
                SELECT c.id, c.parent_id, 1 FROM content c WHERE {db.InList("c.id", "ids")} AND c.parent_id IS NOT NULL
                UNION ALL
                SELECT chain.of_id, p.parent_id, chain.depth + 1 FROM chain CROSS JOIN content p
                WHERE p.id = chain.ancestor_id AND p.parent_id IS NOT NULL AND chain.depth < 1000
            )
            SELECT chain.of_id, chain.depth, a.id, a.type, a.status, a.title, a.space_id
            FROM chain CROSS JOIN content a
            WHERE a.id = chain.ancestor_id {visible}
            ORDER BY chain.of_id, chain.depth
            """, parameters, ct);

        static string Readable(ReadableBy read) => $"AND {read.Restrictions("a")} AND {read.Draft("a")} AND {read.Trash("a")}";
    }

    internal static bool IsUniqueViolation(DbException e) =>
        e is Npgsql.PostgresException { SqlState: "23505" } ||
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal);
}
