using System.Text.Json.Serialization;

namespace Quire.Server.ApiV2.Common;

/// <summary>
/// A page or blog post as v2 answers it (<c>PageSingle</c>/<c>PageBulk</c>,
/// <c>BlogPostSingle</c>/<c>BlogPostBulk</c>): string ids, account ids, v2 dates; members a blog
/// post has not (parent, position) and <c>include-*</c> members not asked for are left out.
/// </summary>
public sealed class V2ContentJson : IV2Includes
{
    public required string Id { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public required string SpaceId { get; init; }
    public string? ParentId { get; init; }
    public string? ParentType { get; init; }
    public int? Position { get; init; }
    public string? AuthorId { get; init; }
    public string? OwnerId { get; init; }
    public string? LastOwnerId { get; init; }
    public required string CreatedAt { get; init; }
    public V2VersionJson? Version { get; init; }
    public V2BodyJson? Body { get; init; }
    public OptionalField<V2LabelJson>? Labels { get; set; }
    public OptionalField<ContentProperties.ContentPropertyV2Json>? Properties { get; set; }
    public OptionalField<Operation.V2OperationJson>? Operations { get; set; }
    public OptionalField<Like.V2LikeJson>? Likes { get; set; }
    public OptionalField<V2VersionJson>? Versions { get; set; }
    public bool? IsFavoritedByCurrentUser { get; set; }

    [JsonPropertyName("_links")]
    public required V2ContentLinks Links { get; init; }
}

/// <summary>v2's <c>Label</c>.</summary>
public sealed record V2LabelJson(string Id, string Name, string Prefix);
