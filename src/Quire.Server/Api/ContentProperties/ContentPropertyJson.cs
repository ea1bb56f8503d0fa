using System.Text.Json;
using System.Text.Json.Serialization;
using Quire.Core.Security;
using Quire.Server.Api.Space;
using Quire.Server.Api.SpaceProperties;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Properties;
using Quire.Storage.Content;
using Quire.Storage.Users;

namespace Quire.Server.Api.ContentProperties;

/// <summary>The v1 ContentProperty shape.</summary>
public sealed class ContentPropertyJson
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required JsonElement Value { get; init; }
    public VersionJson? Version { get; init; }
    /// <summary>The content the property is stored against, as a minimal v1 Content.</summary>
    public SpaceHomepageJson? Content { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }
}

/// <summary>
/// Renders content properties for one or many pieces of content; the authors of all their
/// versions are loaded in one query.
/// </summary>
public sealed class ContentPropertyRenderer(ApiLinks links, UserRenderer userRenderer, UserStore users)
{
    private static readonly string[] ContentExpandable =
        ["container", "metadata", "operations", "children", "restrictions", "history", "ancestors", "body", "version", "descendants", "space"];

    public async Task<IReadOnlyList<ContentPropertyJson>> RenderAsync(
        IReadOnlyList<PropertyRecord> properties, IReadOnlyDictionary<long, ContentRecord> contents, Caller viewer,
        Expansion expand, CancellationToken ct = default)
    {
        var authors = expand.Has("version")
            ? (await users.FindManyByIdsAsync(properties.Where(p => p.VersionBy is not null).Select(p => p.VersionBy!.Value).Distinct().ToList(), ct))
                .ToDictionary(u => u.Id)
            : [];

        return properties.Select(p =>
        {
            var expandable = new Dictionary<string, string>();
            if (!expand.Has("version")) expandable["version"] = "";
            if (!expand.Has("content") || !contents.ContainsKey(p.OwnerId)) expandable["content"] = $"/rest/api/content/{p.OwnerId}";
            using var value = JsonDocument.Parse(p.Value);
            return new ContentPropertyJson
            {
                Id = p.Id.ToString(),
                Key = p.Key,
                Value = value.RootElement.Clone(),
                Version = expand.Has("version") ? new VersionJson
                {
                    By = p.VersionBy is { } by && authors.TryGetValue(by, out var author) ? userRenderer.Render(author, viewer, Expansion.None) : null,
                    When = QuireJson.Date(p.VersionAt),
                    Message = p.VersionMessage,
                    Number = p.Version,
                    MinorEdit = p.MinorEdit,
                } : null,
                Content = expand.Has("content") && contents.TryGetValue(p.OwnerId, out var content) ? ContentOf(content) : null,
                Links = new Dictionary<string, string>
                {
                    ["self"] = links.Api($"/rest/api/content/{p.OwnerId}/property/{Uri.EscapeDataString(p.Key)}"),
                },
                Expandable = expandable,
            };
        }).ToList();
    }

    private SpaceHomepageJson ContentOf(ContentRecord content)
    {
        var id = content.Id.ToString();
        return new SpaceHomepageJson
        {
            Id = id,
            Type = content.Type,
            Status = content.Status,
            Title = content.Title,
            Expandable = ContentExpandable.ToDictionary(name => name, _ => ""),
            Links = new Dictionary<string, string>
            {
                ["webui"] = $"/pages/viewpage.action?pageId={id}",
                ["self"] = links.Api($"/rest/api/content/{id}"),
            },
        };
    }
}
