using System.Text.Json.Serialization;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.Like;
using Quire.Server.ApiV2.Operation;

namespace Quire.Server.ApiV2.Comment;

/// <summary>
/// A footer or inline comment as v2 answers it (<c>FooterCommentModel</c>, <c>InlineCommentModel</c> and
/// the listing shapes <c>PageCommentModel</c>, <c>ChildrenCommentModel</c>...): what it is on (a page or
/// blog post, and its parent comment for a reply), its version and body, and for an inline comment its
/// resolution and the highlight it belongs to. Members a comment has not are left out.
/// </summary>
public sealed class V2CommentJson
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public string? PageId { get; init; }
    public string? BlogPostId { get; init; }
    public string? AttachmentId { get; init; }
    public string? ParentCommentId { get; init; }
    public V2VersionJson? Version { get; init; }
    public V2BodyJson? Body { get; init; }
    public string? ResolutionLastModifierId { get; init; }
    public string? ResolutionLastModifiedAt { get; init; }
    public string? ResolutionStatus { get; init; }
    public V2InlinePropertiesJson? Properties { get; init; }
    public OptionalField<V2OperationJson>? Operations { get; set; }
    public OptionalField<V2LikeJson>? Likes { get; set; }
    public OptionalField<V2VersionJson>? Versions { get; set; }

    [JsonPropertyName("_links")]
    public required V2CommentLinks Links { get; init; }
}

/// <summary>
/// An inline comment's highlight (<c>InlineCommentProperties</c>): the marker naming it in the page and the
/// text selected, under both the current names and the deprecated hyphenated ones clients still read.
/// </summary>
public sealed class V2InlinePropertiesJson
{
    public string? InlineMarkerRef { get; init; }
    public string? InlineOriginalSelection { get; init; }

    [JsonPropertyName("inline-marker-ref")]
    public string? DeprecatedMarkerRef => InlineMarkerRef;

    [JsonPropertyName("inline-original-selection")]
    public string? DeprecatedOriginalSelection => InlineOriginalSelection;
}

/// <summary><c>CommentLinks</c>, with <c>base</c> on a single answer.</summary>
public sealed class V2CommentLinks
{
    public required string Webui { get; init; }
    public string? Base { get; init; }
}
