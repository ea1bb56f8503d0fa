namespace Quire.Storage.Webhooks;

/// <summary>A piece of content as a webhook payload describes it: the row, its space's key and the account ids of its people.</summary>
public sealed class ContentSubject
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public int Version { get; init; }
    public long SpaceId { get; init; }
    public required string SpaceKey { get; init; }
    public long? ParentId { get; init; }
    public long? ContainerId { get; init; }
    public string? PostingDay { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public string? CreatorAccountId { get; init; }
    public string? ModifierAccountId { get; init; }
    /// <summary>An attachment's current file: its size and media type; null for other content.</summary>
    public long? FileSize { get; init; }
    public string? MediaType { get; init; }
}

/// <summary>A space as a webhook payload describes it.</summary>
public sealed class SpaceSubject
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string Description { get; init; } = "";
    public long? HomepageId { get; init; }
    public long CreatedAt { get; init; }
    public string? CreatorAccountId { get; init; }
}

/// <summary>
/// Reads what webhook payloads say about their entities, inside the transaction of the change,
/// so a payload shows the entity as the change left it. Only run when a webhook wants the event.
/// </summary>
public sealed class WebhookSubjectStore(DbSession db)
{
    private const string ContentColumns =
        "c.id, c.type, c.status, c.title, c.version, c.space_id, s.key AS SpaceKey, c.parent_id, c.container_id, c.posting_day, " +
        "c.created_at, c.updated_at, cu.account_id AS CreatorAccountId, mu.account_id AS ModifierAccountId, " +
        "f.file_size, f.media_type";

    /// <summary>The content with the given ids, in any status, in the order asked.</summary>
    public async Task<IReadOnlyList<ContentSubject>> ContentAsync(IReadOnlyList<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var rows = await db.QueryAsync<ContentSubject>(
            $"""
            SELECT {ContentColumns}
            FROM content c JOIN spaces s ON s.id = c.space_id
            LEFT JOIN users cu ON cu.id = c.created_by
            LEFT JOIN users mu ON mu.id = c.updated_by
            LEFT JOIN attachment_files f ON f.content_id = c.id AND f.version = c.version
            WHERE {db.InList("c.id", "ids")}
            """, new { ids = ids.ToArray() }, ct);
        var byId = rows.ToDictionary(r => r.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    public Task<SpaceSubject?> SpaceAsync(long id, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<SpaceSubject>(
            """
            SELECT s.id, s.key, s.name, s.type, s.description, s.homepage_id, s.created_at, u.account_id AS CreatorAccountId
            FROM spaces s LEFT JOIN users u ON u.id = s.created_by WHERE s.id = @id
            """, new { id }, ct);
}
