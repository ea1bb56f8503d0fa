using System.Text.Json.Serialization;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.TreeContent;

/// <summary>
/// A folder, whiteboard, database or smart link as v2 answers it (<c>FolderSingle</c>, <c>WhiteboardSingle</c>,
/// <c>DatabaseSingle</c>, <c>SmartLinkSingle</c>, which share their members; only a smart link has <c>embedUrl</c>).
/// </summary>
public sealed class V2TreeContentJson
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public required string SpaceId { get; init; }
    public string? ParentId { get; init; }
    public string? ParentType { get; init; }
    public int? Position { get; init; }
    public string? AuthorId { get; init; }
    public string? OwnerId { get; init; }
    public required string CreatedAt { get; init; }
    /// <summary>Smart links only, and only when they have one (the spec leaves it out otherwise).</summary>
    public string? EmbedUrl { get; init; }
    public required V2VersionJson Version { get; init; }

    [JsonPropertyName("_links")]
    public required V2TreeContentLinks Links { get; init; }
}

/// <summary><c>FolderLinks</c> and its siblings: the web address, and the site's base on a single answer.</summary>
public sealed class V2TreeContentLinks
{
    public required string Webui { get; init; }
    public string? Base { get; init; }
}

/// <summary>
/// The body of <c>POST /folders</c>, <c>/whiteboards</c>, <c>/databases</c> and <c>/embeds</c>: the spec's four create
/// requests in one (<c>templateKey</c> and <c>locale</c> are a whiteboard's, <c>embedUrl</c> a smart link's; the others
/// ignore them, as members they do not have).
/// </summary>
public sealed record TreeContentCreateRequest(
    string? SpaceId, string? Title, string? ParentId, string? TemplateKey, string? Locale, string? EmbedUrl);
