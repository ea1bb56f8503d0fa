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
    /// <summary>
    /// The body in storage format. A row read with its body as UTF-8 (<see cref="BodyStorageUtf8"/>)
    /// decodes it on first use; setting it (<c>with { BodyStorage = ... }</c> too) drops those bytes.
    /// </summary>
    public string BodyStorage
    {
        get => _bodyStorage ??= BodyStorageUtf8 is { } utf8 ? System.Text.Encoding.UTF8.GetString(utf8) : "";
        init { _bodyStorage = value; _bodyStorageUtf8 = null; }
    }

    private string? _bodyStorage;

    /// <summary>
    /// The body as the UTF-8 bytes the database holds, when the query read it so: the single-content
    /// read does, so that answering <c>body.storage</c> writes these bytes without a UTF-16 copy between
    /// (half the allocation of a .NET string of the body, and no transcoding either way).
    /// </summary>
    public byte[]? BodyStorageUtf8
    {
        get => _bodyStorageUtf8;
        internal init { _bodyStorageUtf8 = value; _bodyStorage = null; }
    }

    private readonly byte[]? _bodyStorageUtf8;
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

    /// <summary>Who owns the content when ownership was moved off its creator (null: the creator owns it), and who did before.</summary>
    public long? OwnerId { get; init; }
    public long? LastOwnerId { get; init; }

    /// <summary>The owner: the one ownership was moved to, else the creator.</summary>
    public long? Owner => OwnerId ?? CreatedBy;

    /// <summary>
    /// The user <see cref="UpdatedBy"/> names, when the query that read the row joined it (the
    /// single-content read does, so rendering its version needs no query of its own); null otherwise.
    /// A copy made for another version keeps it, so check its id against <see cref="UpdatedBy"/>.
    /// </summary>
    public Users.UserRecord? UpdatedByUser { get; internal set; }

    /// <summary>The joined author, if it is the one <see cref="UpdatedBy"/> names.</summary>
    public Users.UserRecord? KnownAuthor => UpdatedByUser is { } user && user.Id == UpdatedBy ? user : null;

    /// <summary>The user <see cref="CreatedBy"/> names, when the query joined it (the single-content read does: v2 answers the creator's account id).</summary>
    public Users.UserRecord? CreatedByUser { get; internal set; }
}
