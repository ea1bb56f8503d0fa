using System.Text.Json.Serialization;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.SpacePermissions;
using Quire.Server.ApiV2.SpaceProperties;

namespace Quire.Server.ApiV2.Space;

/// <summary>
/// v2's <c>SpaceBulk</c> and <c>SpaceSingle</c>: one class, the <c>include-*</c> members null
/// (left out) unless asked, <c>description</c> only with <c>description-format</c>, <c>icon</c>
/// only with <c>include-icon</c>.
/// </summary>
public sealed class SpaceV2Json
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public string? AuthorId { get; init; }
    public required string CreatedAt { get; init; }
    public string? HomepageId { get; init; }
    public SpaceDescriptionV2Json? Description { get; init; }
    public SpaceIconJson? Icon { get; init; }
    public OptionalField<SpaceLabelJson>? Labels { get; set; }
    public OptionalField<SpacePropertyV2Json>? Properties { get; set; }
    public OptionalField<SpaceOperationJson>? Operations { get; set; }
    public OptionalField<SpacePermissionAssignmentJson>? Permissions { get; set; }

    [JsonPropertyName("_links")]
    public required SpaceLinksJson Links { get; init; }
}

/// <summary>The description in the one representation asked (<c>plain</c> or <c>view</c>).</summary>
public sealed class SpaceDescriptionV2Json
{
    public V2BodyTypeJson? Plain { get; init; }
    public V2BodyTypeJson? View { get; init; }
}

public sealed record SpaceIconJson(string Path, string? ApiDownloadLink);

public sealed record SpaceLabelJson(string Id, string Name, string Prefix);

public sealed record SpaceOperationJson(string Operation, string TargetType);

/// <summary>The space's web link; <c>base</c> on a single answer only (a listing's envelope carries it).</summary>
public sealed record SpaceLinksJson(string Webui, string? Base);
