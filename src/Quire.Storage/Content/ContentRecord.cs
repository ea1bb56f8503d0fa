namespace Quire.Storage.Content;

/// <summary>A row of <c>content</c>: a page, blog post or comment at its current (latest) version.</summary>
public sealed record ContentRecord
{
    public long Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public long SpaceId { get; init; }
    public long? ParentId { get; init; }
    /// <summary>Comments: the page or blog post they belong to.</summary>
    public long? ContainerId { get; init; }
    public int Position { get; init; }
    public required string Title { get; init; }
    public string BodyStorage { get; init; } = "";
    public int Version { get; init; }
    public string VersionMessage { get; init; } = "";
    public bool MinorEdit { get; init; }
    /// <summary>Comments: footer or inline.</summary>
    public string? CommentLocation { get; init; }
    /// <summary>Inline comments: their inline properties as JSON.</summary>
    public string? InlineProperties { get; init; }
    /// <summary>Blog posts: the day they were posted, yyyy-MM-dd (UTC).</summary>
    public string? PostingDay { get; init; }
    /// <summary>Trashed content: the status to restore.</summary>
    public string? StatusBeforeTrash { get; init; }
    public long? CreatedBy { get; init; }
    public long CreatedAt { get; init; }
    public long? UpdatedBy { get; init; }
    public long UpdatedAt { get; init; }
}
