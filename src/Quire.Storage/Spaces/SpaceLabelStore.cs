namespace Quire.Storage.Spaces;

public sealed class LabelRecord
{
    public long Id { get; init; }
    /// <summary><c>global</c>, <c>my</c> or <c>team</c>.</summary>
    public required string Prefix { get; init; }
    public required string Name { get; init; }
    /// <summary>The user a <c>my</c> label belongs to; 0 for the shared prefixes.</summary>
    public long OwnerId { get; init; }
}

public sealed class SpaceLabelRecord
{
    public long SpaceId { get; init; }
    public long Id { get; init; }
    public required string Prefix { get; init; }
    public required string Name { get; init; }
}

/// <summary>Labels on spaces. A <c>my</c> label is private to its owner; the others are shared.</summary>
public sealed class SpaceLabelStore(DbSession db)
{
    /// <summary>Puts the label on the space; answers false when it was already there.</summary>
    public async Task<bool> AttachAsync(long spaceId, long labelId, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            "INSERT INTO space_labels (space_id, label_id) VALUES (@spaceId, @labelId) ON CONFLICT DO NOTHING",
            new { spaceId, labelId }, ct) > 0;

    /// <summary>Whether the user has made the space a favourite (labelled it <c>my:favourite</c>).</summary>
    public async Task<bool> IsFavouriteAsync(long spaceId, long userId, CancellationToken ct = default) =>
        await db.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM space_labels sl JOIN labels l ON l.id = sl.label_id
            WHERE sl.space_id = @spaceId AND l.prefix = 'my' AND l.name = 'favourite' AND l.owner_id = @userId
            """, new { spaceId, userId }, ct) > 0;

    public async Task<bool> DetachAsync(long spaceId, string prefix, string name, long ownerId, CancellationToken ct = default) =>
        await db.ExecuteAsync(
            """
            DELETE FROM space_labels WHERE space_id = @spaceId
              AND label_id IN (SELECT id FROM labels WHERE prefix = @prefix AND name = @name AND owner_id = @ownerId)
            """, new { spaceId, prefix, name, ownerId }, ct) > 0;

    /// <summary>
    /// The labels of the given spaces that <paramref name="viewerId"/> may see (shared ones and
    /// its own <c>my</c> labels), optionally of one prefix, in one query.
    /// </summary>
    public Task<IReadOnlyList<SpaceLabelRecord>> ListForSpacesAsync(
        IReadOnlyCollection<long> spaceIds, long viewerId, string? prefix, int offset, int count, CancellationToken ct = default) =>
        spaceIds.Count == 0
            ? Task.FromResult<IReadOnlyList<SpaceLabelRecord>>([])
            : db.QueryAsync<SpaceLabelRecord>(
                $"""
                SELECT sl.space_id, l.id, l.prefix, l.name FROM space_labels sl JOIN labels l ON l.id = sl.label_id
                WHERE {db.InList("sl.space_id", "spaceIds")} AND (l.owner_id = 0 OR l.owner_id = @viewerId)
                  {(prefix is null ? "" : "AND l.prefix = @prefix")}
                ORDER BY sl.space_id, l.prefix, l.name, l.id
                LIMIT @count OFFSET @offset
                """, new { spaceIds = spaceIds.ToArray(), viewerId, prefix, offset, count }, ct);
}
