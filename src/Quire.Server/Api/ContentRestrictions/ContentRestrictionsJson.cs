using System.Text.Json.Serialization;
using Quire.Server.Api.Content;
using Quire.Server.Api.Group;
using Quire.Server.Api.Users;

namespace Quire.Server.Api.ContentRestrictions;

/// <summary>
/// The <c>restrictions</c> expansion of content: its read and update restrictions, each
/// with its users and groups (empty lists for an unrestricted page, as Confluence shows).
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

/// <summary>The v1 ContentRestriction shape: one operation's users and groups.</summary>
public sealed class ContentRestrictionJson
{
    public required string Operation { get; init; }
    public ContentRestrictionSubjectsJson? Restrictions { get; init; }
    public ContentJson? Content { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed class ContentRestrictionSubjectsJson
{
    public SubjectArrayJson<UserJson>? User { get; init; }
    public SubjectArrayJson<GroupJson>? Group { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }
}

/// <summary>A UserArray or GroupArray inside a restriction: one page of its users or groups.</summary>
public sealed class SubjectArrayJson<T>
{
    public required IReadOnlyList<T> Results { get; init; }
    public int Start { get; init; }
    public int Limit { get; init; }
    public int Size { get; init; }
}

/// <summary>The v1 ContentRestrictionArray shape: GET/PUT/POST/DELETE <c>/content/{id}/restriction</c>.</summary>
public sealed class ContentRestrictionArrayJson
{
    public required IReadOnlyList<ContentRestrictionJson> Results { get; init; }
    public int Start { get; init; }
    public int Limit { get; init; }
    public int Size { get; init; }
    public required string RestrictionsHash { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}
