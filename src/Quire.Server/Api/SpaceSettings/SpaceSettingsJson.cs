using System.Text.Json.Serialization;
using Quire.Server.Http;
using Quire.Storage.Spaces;

namespace Quire.Server.Api.SpaceSettings;

/// <summary>The v1 SpaceSettings shape.</summary>
public sealed class SpaceSettingsJson
{
    public bool RouteOverrideEnabled { get; init; }
    public required EditorJson Editor { get; init; }
    public required string SpaceKey { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

/// <summary>Which editor new content uses; Quire has one, which Confluence calls v2.</summary>
public sealed record EditorJson(string Page, string Blogpost, string Default)
{
    public static readonly EditorJson V2 = new("v2", "v2", "v2");
}

public sealed class SpaceSettingsRenderer(ApiLinks links)
{
    public SpaceSettingsJson Render(SpaceRecord space, bool topLevel)
    {
        var self = links.Api($"/rest/api/space/{Uri.EscapeDataString(space.Key)}/settings");
        return new SpaceSettingsJson
        {
            RouteOverrideEnabled = space.RouteOverrideEnabled,
            Editor = EditorJson.V2,
            SpaceKey = space.Key,
            Links = topLevel
                ? new Dictionary<string, string> { ["self"] = self, ["base"] = links.Base, ["context"] = ApiLinks.Context }
                : new Dictionary<string, string> { ["self"] = self },
        };
    }
}
