using System.Text.Json.Serialization;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.Operation;

namespace Quire.Server.ApiV2.Attachment;

/// <summary>
/// An attachment as v2 answers it (<c>AttachmentSingle</c>/<c>AttachmentBulk</c>): its <c>att</c> id,
/// the page or blog post it is on, what its current (or asked) version's file holds, and the links
/// to see and download it. <c>fileId</c> is the id ADF media nodes name (<c>AttachmentFileIds</c>).
/// </summary>
public sealed class V2AttachmentJson : IV2Includes
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public required string CreatedAt { get; init; }
    public string? PageId { get; init; }
    public string? BlogPostId { get; init; }
    public string? CustomContentId { get; init; }
    public string? MediaType { get; init; }
    public string? Comment { get; init; }
    public required string FileId { get; init; }
    public long? FileSize { get; init; }
    public required string WebuiLink { get; init; }
    public string? DownloadLink { get; init; }
    public V2VersionJson? Version { get; init; }
    public OptionalField<V2LabelJson>? Labels { get; set; }
    public OptionalField<ContentProperties.ContentPropertyV2Json>? Properties { get; set; }
    public OptionalField<V2OperationJson>? Operations { get; set; }
    public OptionalField<Like.V2LikeJson>? Likes { get; set; }
    public OptionalField<V2VersionJson>? Versions { get; set; }
    public bool? IsFavoritedByCurrentUser { get; set; }

    [JsonPropertyName("_links")]
    public required V2AttachmentLinks Links { get; init; }
}

/// <summary><c>AttachmentLinks</c>, with <c>base</c> on a single answer.</summary>
public sealed class V2AttachmentLinks
{
    public required string Webui { get; init; }
    public string? Download { get; init; }
    public string? Base { get; init; }
}
