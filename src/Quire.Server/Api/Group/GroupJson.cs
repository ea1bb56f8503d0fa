using System.Text.Json.Serialization;
using Quire.Server.Http;
using Quire.Storage.Groups;

namespace Quire.Server.Api.Group;

/// <summary>The v1 Group shape.</summary>
public sealed class GroupJson
{
    public string Type => "group";
    public required string Name { get; init; }
    public required string Id { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed class GroupRenderer(ApiLinks links)
{
    public GroupJson Render(GroupRecord group, bool topLevel = false)
    {
        var self = links.Api("/rest/api/group/by-id?id=" + Uri.EscapeDataString(group.Id));
        return new GroupJson
        {
            Name = group.Name,
            Id = group.Id,
            Links = topLevel
                ? new Dictionary<string, string> { ["self"] = self, ["base"] = links.Base, ["context"] = ApiLinks.Context }
                : new Dictionary<string, string> { ["self"] = self },
        };
    }
}
