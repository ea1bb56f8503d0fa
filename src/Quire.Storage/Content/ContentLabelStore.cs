using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Content;

/// <summary>A label on a piece of content.</summary>
public sealed class ContentLabelRecord
{
    public long ContentId { get; init; }
    public long Id { get; init; }
    public required string Prefix { get; init; }
    public required string Name { get; init; }
}

/// <summary>A piece of content that carries a label, as label info lists it.</summary>
public sealed class LabeledContentRecord
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
}

/// <summary>
/// Labels on content (rows of <c>content_labels</c>). A <c>my</c> label is seen only by its
/// owner; the shared ones by everyone who may see the content.
/// </summary>
public sealed class ContentLabelStore(DbSession db)
{
    /// <summary>Puts the label on the content; answers false when it was already there.</summary>
    public async Task<bool> AttachAsync(long contentId, long labelId, long createdAt, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "INSERT INTO content_labels (content_id, label_id, created_at) VALUES (@contentId, @labelId, @createdAt) ON CONFLICT DO NOTHING",
            new { contentId, labelId, createdAt }, ct) > 0;

    public async Task<bool> DetachAsync(long contentId, string prefix, string name, long ownerId, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            DELETE FROM content_labels WHERE content_id = @contentId
              AND label_id IN (SELECT id FROM labels WHERE prefix = @prefix AND name = @name AND owner_id = @ownerId)
            """, new { contentId, prefix, name, ownerId }, ct) > 0;

    /// <summary>One page of a content's labels that <paramref name="viewerId"/> may see, optionally of one prefix.</summary>
    public Task<IReadOnlyList<ContentLabelRecord>> ListAsync(
        long contentId, long viewerId, string? prefix, int offset, int count, CancellationToken ct = default) =>
        db.QueryAsync<ContentLabelRecord>(
            $"""
            SELECT cl.content_id, l.id, l.prefix, l.name FROM content_labels cl JOIN labels l ON l.id = cl.label_id
            WHERE cl.content_id = @contentId AND (l.owner_id = 0 OR l.owner_id = @viewerId)
              {(prefix is null ? "" : "AND l.prefix = @prefix")}
            ORDER BY l.prefix, l.name, l.id
            LIMIT @count OFFSET @offset
            """, new { contentId, viewerId, prefix, offset, count }, ct);

    /// <summary>
    /// The first <paramref name="perContent"/> labels the viewer may see on each of the given
    /// content ids, in one query however many ids there are (for the <c>metadata.labels</c>
    /// expansion of a listing).
    /// </summary>
    public Task<IReadOnlyList<ContentLabelRecord>> ListForContentsAsync(
        IReadOnlyCollection<long> contentIds, long viewerId, int perContent, CancellationToken ct = default) =>
        contentIds.Count == 0
            ? Task.FromResult<IReadOnlyList<ContentLabelRecord>>([])
            : db.QueryAsync<ContentLabelRecord>(
                $"""
                SELECT content_id, id, prefix, name FROM (
                    SELECT cl.content_id, l.id, l.prefix, l.name,
                           ROW_NUMBER() OVER (PARTITION BY cl.content_id ORDER BY l.prefix, l.name, l.id) AS rn
                    FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                    WHERE {db.InList("cl.content_id", "contentIds")} AND (l.owner_id = 0 OR l.owner_id = @viewerId)
                ) ranked
                WHERE rn <= @perContent
                ORDER BY content_id, prefix, name, id
                """, new { contentIds = contentIds.ToArray(), viewerId, perContent }, ct);

    /// <summary>
    /// Which of the given content the user has made a favourite (labelled <c>my:favourite</c>),
    /// and when, in one query.
    /// </summary>
    public Task<IReadOnlyList<(long ContentId, long FavouritedAt)>> FavouritesAsync(
        IReadOnlyCollection<long> contentIds, long userId, CancellationToken ct = default) =>
        contentIds.Count == 0
            ? Task.FromResult<IReadOnlyList<(long, long)>>([])
            : db.QueryAsync<(long ContentId, long FavouritedAt)>(
                $"""
                SELECT cl.content_id, cl.created_at FROM content_labels cl JOIN labels l ON l.id = cl.label_id
                WHERE {db.InList("cl.content_id", "contentIds")} AND l.prefix = 'my' AND l.name = 'favourite' AND l.owner_id = @userId
                """, new { contentIds = contentIds.ToArray(), userId }, ct);

    /// <summary>
    /// One page of the current content of the given types that carries the label and lies in a
    /// space the viewer may read, an attachment only while its page is readable too (not trashed,
    /// not someone else's draft): visibility is decided in the query, never item by item.
    /// </summary>
    public Task<IReadOnlyList<LabeledContentRecord>> ListLabeledAsync(
        long labelId, IReadOnlyCollection<string> types, Viewer viewer, int offset, int count, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { labelId, types = types.ToArray(), offset, count });
        return db.QueryAsync<LabeledContentRecord>(
            $"""
            SELECT c.id, c.type, c.title FROM content_labels cl
            JOIN content c ON c.id = cl.content_id
            JOIN spaces s ON s.id = c.space_id
            LEFT JOIN content k ON k.id = c.container_id
            WHERE cl.label_id = @labelId AND c.status = 'current' AND {db.InList("c.type", "types")}
              AND {read.Content(ContentRows.Current)} AND (k.id IS NULL OR {read.Container("k")})
            ORDER BY c.id
            LIMIT @count OFFSET @offset
            """, parameters, ct);
    }
}
