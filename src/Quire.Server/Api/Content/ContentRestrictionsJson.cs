using System.Text.Json.Serialization;

namespace Quire.Server.Api.Content;

/// <summary>
/// The <c>restrictions</c> expansion of content: its read and update restrictions. Quire
/// has no page restrictions yet, so both list no users and no groups, which is also what
/// Confluence shows for unrestricted content.
/// </summary>
public sealed class ContentRestrictionsJson
{
    public ContentRestrictionJson? Read { get; init; }
    public ContentRestrictionJson? Update { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed class ContentRestrictionJson
{
    public required string Operation { get; init; }
    public ContentRestrictionSubjectsJson? Restrictions { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed class ContentRestrictionSubjectsJson
{
    public EmptyArrayJson? User { get; init; }
    public EmptyArrayJson? Group { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }
}

/// <summary>A UserArray or GroupArray with nothing in it.</summary>
public sealed class EmptyArrayJson
{
    public IReadOnlyList<object> Results { get; } = [];
    public int Start { get; init; }
    public int Limit { get; init; }
    public int Size { get; init; }
}
