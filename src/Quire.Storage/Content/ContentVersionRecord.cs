namespace Quire.Storage.Content;

/// <summary>One version of a piece of content: an earlier one from <c>content_versions</c>, or the current row seen as a version.</summary>
public sealed record ContentVersionRecord
{
    public long ContentId { get; init; }
    public int Number { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }
    public string BodyStorage { get; init; } = "";
    public long? ParentId { get; init; }
    public string Message { get; init; } = "";
    public bool MinorEdit { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
}

/// <summary>An ancestor of <see cref="OfId"/>, <see cref="Depth"/> levels up.</summary>
public sealed record AncestorRecord
{
    public long OfId { get; init; }
    public int Depth { get; init; }
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public long SpaceId { get; init; }
}

/// <summary>A piece of content's type, and for a comment its location (footer or inline).</summary>
public sealed record ContentTypeRecord
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public string? CommentLocation { get; init; }
}

/// <summary>A user who published a version of a piece of content.</summary>
public sealed record PublisherRecord(long ContentId, long UserId);

/// <summary>The filters of a content listing; null means "any".</summary>
public sealed record ContentFilter(
    string Type,
    IReadOnlyList<string>? Statuses,
    string? SpaceKeyLower = null,
    string? TitleLower = null,
    string? PostingDay = null);

public enum ContentWriteOutcome { Done, VersionConflict, TitleTaken }
