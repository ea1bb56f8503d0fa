using System.Text.Json;
using System.Text.Json.Serialization;
using Quire.Core.Security;
using Quire.Server.Api.Space;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Properties;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.SpaceProperties;

/// <summary>The v1 SpaceProperty shape.</summary>
public sealed class SpacePropertyJson
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required JsonElement Value { get; init; }
    public VersionJson? Version { get; init; }
    public SpaceJson? Space { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }
}

/// <summary>The v1 Version shape, as a property's version.</summary>
public sealed class VersionJson
{
    public UserJson? By { get; init; }
    public required string When { get; init; }
    public required string Message { get; init; }
    public int Number { get; init; }
    public bool MinorEdit { get; init; }
}

/// <summary>Renders space properties; version is expanded by default, as the spec says.</summary>
public sealed class SpacePropertyRenderer(ApiLinks links, SpaceRenderer spaces, UserRenderer userRenderer, UserStore users)
{
    public async Task<IReadOnlyList<SpacePropertyJson>> RenderAsync(
        SpaceRecord space, IReadOnlyList<PropertyRecord> properties, Caller viewer, Expansion expand, CancellationToken ct)
    {
        // One query for the authors of every version on the page.
        var authors = expand.Has("version")
            ? (await users.FindManyByIdsAsync(properties.Where(p => p.VersionBy is not null).Select(p => p.VersionBy!.Value).Distinct().ToList(), ct))
                .ToDictionary(u => u.Id)
            : [];
        var spaceJson = expand.Has("space") ? spaces.Render(space, viewer, Expansion.None, topLevel: false) : null;

        return properties.Select(p =>
        {
            var expandable = new Dictionary<string, string>();
            if (!expand.Has("version")) expandable["version"] = "";
            if (!expand.Has("space")) expandable["space"] = $"/rest/api/space/{Uri.EscapeDataString(space.Key)}";
            using var value = JsonDocument.Parse(p.Value);
            return new SpacePropertyJson
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
                Space = spaceJson,
                Links = new Dictionary<string, string>
                {
                    ["self"] = links.Api($"/rest/api/space/{Uri.EscapeDataString(space.Key)}/property/{Uri.EscapeDataString(p.Key)}"),
                },
                Expandable = expandable,
            };
        }).ToList();
    }
}
