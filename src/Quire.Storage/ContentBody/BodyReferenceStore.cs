using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.ContentBody;

/// <summary>A page or blog post a body links to, or a child page a children macro lists.</summary>
public sealed record LinkedPageRecord
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public int Version { get; init; }
    public string? PostingDay { get; init; }
    public long? ParentId { get; init; }
    public int Position { get; init; }
    public required string SpaceKey { get; init; }
}

/// <summary>A current attachment a body shows or links to.</summary>
public sealed record LinkedAttachmentRecord
{
    public long Id { get; init; }
    public long ContainerId { get; init; }
    public required string Title { get; init; }
    public int Version { get; init; }
    public long UpdatedAt { get; init; }
    public string? MediaType { get; init; }
}

public sealed record LinkedSpaceRecord(string Key, string Name);

public sealed record ContentTitleRecord(long Id, string Title);

/// <summary>
/// What rendered bodies refer to, loaded for many bodies at once (one query per kind, in chunks
/// of <see cref="Chunk"/> names), as the viewer may see it: the read permission of the space and
/// the read restrictions of the content and its ancestors apply in each query, as in every listing.
/// </summary>
public sealed class BodyReferenceStore(DbSession db)
{
    /// <summary>How many names one query looks up at most, so one page's references cannot make one unbounded statement.</summary>
    public const int Chunk = 500;

    private const string PageColumns = "c.id, c.type, c.title, c.version, c.posting_day, c.parent_id, c.position, s.key AS space_key";

    /// <summary>Current pages and blog posts the viewer may see, named by (space key, title) pairs (lower-cased; matched as a superset) or by id.</summary>
    public async Task<IReadOnlyList<LinkedPageRecord>> PagesAsync(
        IReadOnlyCollection<string> spaceKeysLower, IReadOnlyCollection<string> titlesLower, IReadOnlyCollection<long> ids, Viewer viewer,
        CancellationToken ct = default)
    {
        var found = new List<LinkedPageRecord>();
        foreach (var titles in Chunks(titlesLower))
        {
            var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { titles = titles.ToArray(), keys = spaceKeysLower.ToArray() });
            found.AddRange(await db.QueryAsync<LinkedPageRecord>(
                $"""
                SELECT {PageColumns} FROM content c JOIN spaces s ON s.id = c.space_id
                WHERE c.status = 'current' AND c.type IN ('page', 'blogpost') AND {db.InList("c.title_lower", "titles")}
                  AND {db.InList("s.key_lower", "keys")} AND {read.Content(ContentRows.Current)}
                """, parameters, ct));
        }
        foreach (var chunk in Chunks(ids))
        {
            var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { ids = chunk.ToArray() });
            found.AddRange(await db.QueryAsync<LinkedPageRecord>(
                $"""
                SELECT {PageColumns} FROM content c JOIN spaces s ON s.id = c.space_id
                WHERE c.status = 'current' AND c.type IN ('page', 'blogpost') AND {db.InList("c.id", "ids")} AND {read.Content(ContentRows.Current)}
                """, parameters, ct));
        }
        return found;
    }

    /// <summary>Current attachments of the given pages with any of the given (lower-cased) names that the viewer may see.</summary>
    public async Task<IReadOnlyList<LinkedAttachmentRecord>> AttachmentsAsync(
        IReadOnlyCollection<long> containerIds, IReadOnlyCollection<string> namesLower, Viewer viewer, CancellationToken ct = default)
    {
        var found = new List<LinkedAttachmentRecord>();
        if (containerIds.Count == 0) return found;
        foreach (var names in Chunks(namesLower))
        {
            var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { containers = containerIds.ToArray(), names = names.ToArray() });
            found.AddRange(await db.QueryAsync<LinkedAttachmentRecord>(
                $"""
                SELECT c.id, c.container_id, c.title, c.version, c.updated_at, f.media_type
                FROM content c JOIN spaces s ON s.id = c.space_id
                LEFT JOIN attachment_files f ON f.content_id = c.id AND f.version = c.version
                WHERE c.type = 'attachment' AND c.status = 'current' AND {db.InList("c.container_id", "containers")}
                  AND {db.InList("c.title_lower", "names")} AND {read.Content(ContentRows.Current)}
                """, parameters, ct));
        }
        return found;
    }

    /// <summary>The current child pages of the given pages that the viewer may see, in tree order.</summary>
    public async Task<IReadOnlyList<LinkedPageRecord>> ChildrenAsync(IReadOnlyCollection<long> parentIds, Viewer viewer, CancellationToken ct = default)
    {
        var found = new List<LinkedPageRecord>();
        foreach (var parents in Chunks(parentIds))
        {
            var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { parents = parents.ToArray() });
            found.AddRange(await db.QueryAsync<LinkedPageRecord>(
                $"""
                SELECT {PageColumns} FROM content c JOIN spaces s ON s.id = c.space_id
                WHERE c.type = 'page' AND c.status = 'current' AND {db.InList("c.parent_id", "parents")} AND {read.Content(ContentRows.Current)}
                ORDER BY c.parent_id, c.position, c.id
                """, parameters, ct));
        }
        return found;
    }

    /// <summary>The spaces with the given (lower-cased) keys that the viewer may read.</summary>
    public async Task<IReadOnlyList<LinkedSpaceRecord>> SpacesAsync(IReadOnlyCollection<string> keysLower, Viewer viewer, CancellationToken ct = default)
    {
        var found = new List<LinkedSpaceRecord>();
        foreach (var keys in Chunks(keysLower))
        {
            var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { keys = keys.ToArray() });
            found.AddRange(await db.QueryAsync<LinkedSpaceRecord>(
                $"SELECT s.key, s.name FROM spaces s WHERE {db.InList("s.key_lower", "keys")} AND {read.Space()}", parameters, ct));
        }
        return found;
    }

    /// <summary>The titles of content the caller already holds (the bodies being rendered): no visibility check.</summary>
    public async Task<IReadOnlyList<ContentTitleRecord>> TitlesAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        var found = new List<ContentTitleRecord>();
        foreach (var chunk in Chunks(ids))
            found.AddRange(await db.QueryAsync<ContentTitleRecord>(
                $"SELECT c.id, c.title FROM content c WHERE {db.InList("c.id", "ids")}", new { ids = chunk.ToArray() }, ct));
        return found;
    }

    private static IEnumerable<T[]> Chunks<T>(IReadOnlyCollection<T> items) => items.Count == 0 ? [] : items.Chunk(Chunk);
}
