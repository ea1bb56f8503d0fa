using System.Text.Json.Serialization;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.ContentProperties;
using Quire.Server.ApiV2.Like;
using Quire.Server.ApiV2.Operation;

namespace Quire.Server.ApiV2.Comment;

/// <summary>
/// A footer or inline comment as v2 answers it (<c>FooterCommentModel</c>, <c>InlineCommentModel</c> and
/// the listing shapes <c>PageCommentModel</c>, <c>ChildrenCommentModel</c>...): what it is on (a page or
/// blog post, and its parent comment for a reply), its version and body, and for an inline comment its
/// resolution and the highlight it belongs to. Members a comment has not are left out.
/// </summary>
public sealed class V2CommentJson : IV2Includes
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public string? PageId { get; init; }
    public string? BlogPostId { get; init; }
    public string? AttachmentId { get; init; }
    public string? CustomContentId { get; init; }
    public string? ParentCommentId { get; init; }
    public V2VersionJson? Version { get; init; }
    public V2BodyJson? Body { get; init; }
    public string? ResolutionLastModifierId { get; init; }
    public string? ResolutionLastModifiedAt { get; init; }
    public string? ResolutionStatus { get; init; }
    /// <summary>An inline comment's highlight, and with <c>include-properties</c> the first of its content properties.</summary>
    public V2CommentPropertiesJson? Properties { get; set; }
    public OptionalField<V2LabelJson>? Labels { get; set; }
    public OptionalField<V2OperationJson>? Operations { get; set; }
    public OptionalField<V2LikeJson>? Likes { get; set; }
    public OptionalField<V2VersionJson>? Versions { get; set; }
    public bool? IsFavoritedByCurrentUser { get; set; }

    /// <summary><c>include-properties</c> lands beside the inline highlight in one <c>properties</c> object, as the spec's comment models have it.</summary>
    [JsonIgnore]
    OptionalField<ContentPropertyV2Json>? IV2Includes.Properties
    {
        get => Properties?.Results is { } results ? new OptionalField<ContentPropertyV2Json> { Results = results, Meta = Properties.Meta!, Links = Properties.Links! } : null;
        set
        {
            if (value is null) return;
            Properties ??= new V2CommentPropertiesJson();
            (Properties.Results, Properties.Meta, Properties.Links) = (value.Results, value.Meta, value.Links);
        }
    }

    [JsonPropertyName("_links")]
    public required V2CommentLinks Links { get; init; }
}

/// <summary>
/// A comment's <c>properties</c>: for an inline comment its highlight (<c>InlineCommentProperties</c>), the marker
/// naming it in the page and the text selected, under both the current names and the deprecated hyphenated ones
/// clients still read; with <c>include-properties</c>, the first of its content properties (<c>results</c>,
/// <c>meta</c>, <c>_links</c>), as <c>InlineCommentModel</c> and <c>FooterCommentModel</c> have them.
/// </summary>
public sealed class V2CommentPropertiesJson
{
    public IReadOnlyList<ContentPropertyV2Json>? Results { get; set; }
    public OptionalFieldMeta? Meta { get; set; }

    [JsonPropertyName("_links")]
    public OptionalFieldLinks? Links { get; set; }

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
