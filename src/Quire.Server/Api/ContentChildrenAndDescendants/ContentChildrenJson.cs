using System.Text.Json.Serialization;
using Quire.Server.Api.Content;
using Quire.Server.Http;

namespace Quire.Server.Api.ContentChildrenAndDescendants;

/// <summary>ContentChildren: one ContentArray per child type that was expanded, the others under <c>_expandable</c>.</summary>
public sealed class ContentChildrenJson
{
    public PagedJson<ContentJson>? Page { get; init; }
    public PagedJson<ContentJson>? Comment { get; init; }
    public PagedJson<ContentJson>? Attachment { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}
