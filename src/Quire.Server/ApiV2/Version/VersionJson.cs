using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Version;

/// <summary>
/// One version in a v2 version listing (<c>PageVersion</c>, <c>BlogPostVersion</c>, <c>AttachmentVersion</c>,
/// <c>CommentVersion</c>): v2's <c>Version</c> plus the content as it was at that version under the member
/// the listing's kind names (only one of them is set).
/// </summary>
public sealed class V2ContentVersionJson
{
    public required string CreatedAt { get; init; }
    public required string Message { get; init; }
    public required int Number { get; init; }
    public required bool MinorEdit { get; init; }
    public string? AuthorId { get; init; }
    public V2VersionedEntityJson? Page { get; init; }
    public V2VersionedEntityJson? Blogpost { get; init; }
    public V2VersionedEntityJson? Attachment { get; init; }
    public V2VersionedEntityJson? Comment { get; init; }
    /// <summary>Custom content's versions name it <c>custom</c> (the spec's <c>CustomContentVersion</c>).</summary>
    public V2VersionedEntityJson? Custom { get; init; }
}

/// <summary>v2's <c>VersionedEntity</c>: the content's id and title at that version, and its body when <c>body-format</c> asked for one.</summary>
public sealed record V2VersionedEntityJson(string Id, string Title, V2BodyJson? Body);

/// <summary>v2's <c>DetailedVersion</c>: a version with its neighbours' numbers and its collaborators (Quire records one author per version).</summary>
public sealed class V2DetailedVersionJson
{
    public required int Number { get; init; }
    public string? AuthorId { get; init; }
    public required string Message { get; init; }
    public required string CreatedAt { get; init; }
    public required bool MinorEdit { get; init; }
    /// <summary>Quire never changes a content's type between versions.</summary>
    public bool ContentTypeModified => false;
    public required IReadOnlyList<string> Collaborators { get; init; }
    public int? PrevVersion { get; init; }
    public int? NextVersion { get; init; }
}
