namespace Quire.Storage.Content;

/// <summary>
/// What a keyset walk of content is ordered by (v2's <c>sort</c> values); the id breaks ties. <see cref="Position"/>
/// is a page's place among its siblings (<c>child-position</c>), meaningful only for a walk over one parent's children.
/// </summary>
public enum ContentSortKey { Id, CreatedAt, ModifiedAt, Title, Position }

/// <summary>A keyset walk's order: a key and a direction.</summary>
public readonly record struct ContentOrder(ContentSortKey Key, bool Descending)
{
    public static readonly ContentOrder ById = new(ContentSortKey.Id, false);

    /// <summary>The column ordered by, over the alias <c>c</c>.</summary>
    internal string Column => Key switch
    {
        ContentSortKey.CreatedAt => "c.created_at",
        ContentSortKey.ModifiedAt => "c.updated_at",
        ContentSortKey.Title => "c.title",
        ContentSortKey.Position => "c.position",
        _ => "c.id",
    };

    /// <summary>The row's value of the key, as a <see cref="Keyset"/> carries it (null when ordered by id alone).</summary>
    public string? ValueOf(ContentRecord row) => Key switch
    {
        ContentSortKey.CreatedAt => row.CreatedAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ContentSortKey.ModifiedAt => row.UpdatedAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ContentSortKey.Title => row.Title,
        ContentSortKey.Position => row.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A keyset value read back for this key, typed as the column is; null when it does not parse.</summary>
    public object? ParseValue(string? value) => Key switch
    {
        ContentSortKey.Id => null,
        ContentSortKey.Title => value,
        _ => long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var millis) ? millis : null,
    };
}

/// <summary>
/// The filters of a keyset listing of content (v2's list calls); null means "any". Ids and space
/// ids are bound as one array parameter each; <see cref="RootOnly"/> keeps content without a
/// parent; <see cref="LabelId"/> keeps content carrying that label. For comments and attachments:
/// <see cref="ContainerId"/> keeps what hangs off that page, blog post or attachment,
/// <see cref="ParentId"/> the replies to that comment, <see cref="CommentLocation"/> footer or
/// inline comments (a comment stored without a location is a footer comment),
/// <see cref="ResolutionStatuses"/> inline comments resolved, reopened or open (no resolution row),
/// and <see cref="MediaType"/> attachments whose current file has that media type.
/// </summary>
public sealed record ContentListing(
    string Type,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<long>? SpaceIds = null,
    IReadOnlyList<long>? Ids = null,
    string? TitleLower = null,
    bool RootOnly = false,
    long? LabelId = null,
    long? ContainerId = null,
    long? ParentId = null,
    string? CommentLocation = null,
    IReadOnlyList<string>? ResolutionStatuses = null,
    string? MediaType = null);
