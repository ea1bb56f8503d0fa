using System.Text.Json.Serialization;
using Quire.Server.Api.Experimental;
using Quire.Server.Api.Group;
using Quire.Server.Api.SpaceSettings;
using Quire.Server.Api.Users;

namespace Quire.Server.Api.Space;

/// <summary>The v1 Space shape.</summary>
public sealed class SpaceJson
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public IconJson? Icon { get; init; }
    public SpaceDescriptionsJson? Description { get; init; }
    public SpaceHomepageJson? Homepage { get; init; }
    public required string Type { get; init; }
    public SpaceMetadataJson? Metadata { get; init; }
    public IReadOnlyList<OperationJson>? Operations { get; init; }
    public IReadOnlyList<SpacePermissionJson>? Permissions { get; init; }
    public required string Status { get; init; }
    public SpaceSettingsJson? Settings { get; init; }
    public SpaceHistoryJson? History { get; init; }

    [JsonPropertyName("_expandable")]
    public required SpaceExpandableJson Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Http.LinksJson Links { get; init; }
}

/// <summary>A space's <c>_expandable</c>, typed, in Confluence's order: each member null (omitted) when expanded.</summary>
public sealed class SpaceExpandableJson
{
    public string? Settings { get; init; }
    public string? Metadata { get; init; }
    public string? Operations { get; init; }
    public string? LookAndFeel { get; init; }
    public string? Identifiers { get; init; }
    public string? Permissions { get; init; }
    public string? Icon { get; init; }
    public string? Description { get; init; }
    public string? Theme { get; init; }
    public string? History { get; init; }
    public string? Homepage { get; init; }
}

/// <summary><c>description</c>: each representation only when asked for.</summary>
public sealed class SpaceDescriptionsJson
{
    public SpaceDescriptionJson? Plain { get; init; }
    public SpaceDescriptionJson? View { get; init; }

    [JsonPropertyName("_expandable")]
    public Dictionary<string, string>? Expandable { get; init; }
}

public sealed record SpaceDescriptionJson(string Value, string Representation, IReadOnlyList<object> EmbeddedContent);

/// <summary>A space's homepage as a minimal v1 Content object.</summary>
public sealed class SpaceHomepageJson
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed class SpaceMetadataJson
{
    public LabelArrayJson? Labels { get; init; }

    [JsonPropertyName("_expandable")]
    public Dictionary<string, string>? Expandable { get; init; }
}

public sealed class SpaceHistoryJson
{
    public required string CreatedDate { get; init; }
    public UserJson? CreatedBy { get; init; }
}

/// <summary>One grant, to one user, one group or anonymous, in the v1 SpacePermission shape.</summary>
public sealed class SpacePermissionJson
{
    public long Id { get; init; }
    /// <summary>Absent for a grant to anonymous (<see cref="AnonymousAccess"/>).</summary>
    public SubjectsJson? Subjects { get; init; }
    public required OperationJson Operation { get; init; }
    public bool AnonymousAccess { get; init; }
    public bool UnlicensedAccess { get; init; }
}

public sealed class SubjectsJson
{
    public SubjectListJson<UserJson>? User { get; init; }
    public SubjectListJson<GroupJson>? Group { get; init; }
}

public sealed record SubjectListJson<T>(IReadOnlyList<T> Results, int Size);
