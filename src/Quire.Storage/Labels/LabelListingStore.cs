using System.Globalization;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Storage.Labels;

/// <summary>What a keyset walk of labels is ordered by (v2's <c>LabelSortOrder</c>); the label id breaks ties.</summary>
public enum LabelSortKey { Id, Name, CreatedAt }

/// <summary>A keyset walk's order over labels: a key and a direction.</summary>
public readonly record struct LabelOrder(LabelSortKey Key, bool Descending)
{
    public static readonly LabelOrder ById = new(LabelSortKey.Id, false);
}

/// <summary>A label as v2 lists it, with the moment it was put where the listing found it (the label's id order where none is stored).</summary>
public sealed record LabelListingRecord
{
    public long Id { get; init; }
    public required string Prefix { get; init; }
    public required string Name { get; init; }
    public long CreatedAt { get; init; }

    /// <summary>Where a walk in <paramref name="order"/> continues after this label.</summary>
    public Keyset KeyIn(LabelOrder order) => order.Key switch
    {
        LabelSortKey.Name => new Keyset(Name, Id),
        LabelSortKey.CreatedAt => new Keyset(CreatedAt.ToString(CultureInfo.InvariantCulture), Id),
        _ => new Keyset(null, Id),
    };
}

/// <summary>The prefixes a label listing keeps (null: all the viewer may see) and the label ids (null: any).</summary>
public sealed record LabelFilter(IReadOnlyList<string>? Prefixes = null, IReadOnlyList<long>? Ids = null);

/// <summary>
/// Keyset walks over labels for v2's label listings: the labels of one piece of content, of one
/// space, of a space's readable content, and all labels. A <c>my</c> label is seen only by its
/// owner, as everywhere else; each walk is one query that starts after the last row's key, so a
/// label added or removed behind the walk never shifts the rest.
/// </summary>
public sealed class LabelListingStore(DbSession db)
{
    /// <summary>
    /// Labels the viewer may see on one piece of content; <c>created-date</c> is when the label was
    /// put on it. The caller has already checked that the viewer may read the content.
    /// </summary>
    public Task<IReadOnlyList<LabelListingRecord>> OfContentAsync(
        long contentId, long viewerId, LabelFilter filter, LabelOrder order, Keyset? after, int count, CancellationToken ct = default) =>
        WalkAsync("content_labels x JOIN labels l ON l.id = x.label_id", "x.content_id = @ownerId", "x.created_at",
            new { ownerId = contentId }, viewerId, filter, order, after, count, ct);

    /// <summary>Labels the viewer may see on one space (the caller has checked the space is readable); no attach time is stored, so created-date follows the label's id.</summary>
    public Task<IReadOnlyList<LabelListingRecord>> OfSpaceAsync(
        long spaceId, long viewerId, LabelFilter filter, LabelOrder order, Keyset? after, int count, CancellationToken ct = default) =>
        WalkAsync("space_labels x JOIN labels l ON l.id = x.label_id", "x.space_id = @ownerId", "l.id",
            new { ownerId = spaceId }, viewerId, filter, order, after, count, ct);

    /// <summary>
    /// The distinct labels on the space's content that the viewer may read (current and archived pages and
    /// blog posts, and what hangs off them), each once; created-date is the label's id order.
    /// </summary>
    public Task<IReadOnlyList<LabelListingRecord>> OfSpaceContentAsync(
        long spaceId, Viewer viewer, LabelFilter filter, LabelOrder order, Keyset? after, int count, CancellationToken ct = default)
    {
        var (read, parameters) = ReadRule.For(db.Dialect).For(viewer, new { ownerId = spaceId });
        var used =
            $"""
            EXISTS (SELECT 1 FROM content_labels x JOIN content c ON c.id = x.content_id JOIN spaces s ON s.id = c.space_id
                    LEFT JOIN content k ON k.id = c.container_id
                    WHERE x.label_id = l.id AND c.space_id = @ownerId AND c.status IN ('current', 'archived')
                      AND {read.Content(ContentRows.Current)} AND (k.id IS NULL OR {read.Container("k")}))
            """;
        return WalkAsync("labels l", used, "l.id", parameters, viewer.UserId, filter, order, after, count, ct);
    }

    /// <summary>All labels the viewer may see: the shared ones and the viewer's own <c>my</c> labels; created-date is the label's id order.</summary>
    public Task<IReadOnlyList<LabelListingRecord>> AllAsync(
        long viewerId, LabelFilter filter, LabelOrder order, Keyset? after, int count, CancellationToken ct = default) =>
        WalkAsync("labels l", "1 = 1", "l.id", new { }, viewerId, filter, order, after, count, ct);

    /// <summary>
    /// One page of a walk over <paramref name="from"/> (which names the labels <c>l</c>) where <paramref name="where"/> holds,
    /// after <paramref name="after"/> in <paramref name="order"/>. <paramref name="createdAt"/> is the column created-date orders by.
    /// </summary>
    private Task<IReadOnlyList<LabelListingRecord>> WalkAsync(
        string from, string where, string createdAt, object values, long viewerId, LabelFilter filter, LabelOrder order,
        Keyset? after, int count, CancellationToken ct)
    {
        var parameters = values as Dapper.DynamicParameters ?? new Dapper.DynamicParameters(values);
        parameters.AddDynamicParams(new
        {
            viewerId, prefixes = filter.Prefixes?.ToArray(), labelIds = filter.Ids?.ToArray(), count,
            afterId = after?.Id ?? 0, afterName = after?.Value, afterMillis = Millis(after?.Value),
        });
        var conditions = new List<string> { where, "(l.owner_id = 0 OR l.owner_id = @viewerId)" };
        if (filter.Prefixes is not null) conditions.Add(db.InList("l.prefix", "prefixes"));
        if (filter.Ids is not null) conditions.Add(db.InList("l.id", "labelIds"));
        var column = order.Key switch
        {
            LabelSortKey.Name => "l.name",
            LabelSortKey.CreatedAt => createdAt,
            _ => "l.id",
        };
        var direction = order.Descending ? "DESC" : "ASC";
        var comparison = order.Descending ? "<" : ">";
        if (after is not null)
            conditions.Add(order.Key switch
            {
                LabelSortKey.Id => $"l.id {comparison} @afterId",
                LabelSortKey.Name => $"(l.name, l.id) {comparison} (@afterName, @afterId)",
                _ => $"({column}, l.id) {comparison} (@afterMillis, @afterId)",
            });
        var orderBy = order.Key == LabelSortKey.Id ? $"l.id {direction}" : $"{column} {direction}, l.id {direction}";
        return db.QueryAsync<LabelListingRecord>(
            $"""
            SELECT l.id, l.prefix, l.name, {createdAt} AS created_at FROM {from}
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY {orderBy}
            LIMIT @count
            """, parameters, ct);
    }

    private static long Millis(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis) ? millis : 0;
}
