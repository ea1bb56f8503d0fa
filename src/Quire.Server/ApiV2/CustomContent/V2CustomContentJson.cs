using System.Text.Json.Serialization;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.CustomContent;

/// <summary>
/// Custom content as v2 answers it (<c>CustomContentSingle</c>, <c>CustomContentBulk</c>): its type's key, its space always,
/// and its container (<c>pageId</c>, <c>blogPostId</c> or <c>customContentId</c>) only when it has one; <c>include-*</c> members
/// not asked for are left out.
/// </summary>
public sealed class V2CustomContentJson : IV2Includes
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public required string SpaceId { get; init; }
    public string? PageId { get; init; }
    public string? BlogPostId { get; init; }
    public string? CustomContentId { get; init; }
    public string? AuthorId { get; init; }
    public required string CreatedAt { get; init; }
    public V2VersionJson? Version { get; init; }
    public V2BodyJson? Body { get; init; }
    public OptionalField<V2LabelJson>? Labels { get; set; }
    public OptionalField<ContentProperties.ContentPropertyV2Json>? Properties { get; set; }
    public OptionalField<Operation.V2OperationJson>? Operations { get; set; }
    public OptionalField<V2VersionJson>? Versions { get; set; }

    /// <summary>Custom content has no likes or favourites in v2 (no such <c>include-*</c> for it); never written.</summary>
    [JsonIgnore]
    public OptionalField<Like.V2LikeJson>? Likes { get; set; }

    [JsonIgnore]
    public bool? IsFavoritedByCurrentUser { get; set; }

    [JsonPropertyName("_links")]
    public required V2ContentLinks Links { get; init; }
}

/// <summary>v2's <c>ChildCustomContent</c>: a child of custom content, without body or version.</summary>
public sealed record V2ChildCustomContentJson(string Id, string Status, string Title, string Type, string SpaceId);
