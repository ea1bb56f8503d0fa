using System.Text.Json.Serialization;

namespace Quire.Server.Api.Content;

// Typed `_expandable` objects of the content read path: one member per name Confluence lists,
// in its order, null (omitted) when that part was expanded. Built per answer without a
// dictionary, and written by the serializer like any other member.

/// <summary>Content's <c>_expandable</c>: a link where the part can be read, else "".</summary>
public sealed class ContentExpandableJson
{
    public string? ChildTypes { get; init; }
    public string? Container { get; init; }
    public string? Metadata { get; init; }
    public string? Operations { get; init; }
    public string? SchedulePublishDate { get; init; }
    public string? Children { get; init; }
    public string? Restrictions { get; init; }
    public string? History { get; init; }
    public string? Ancestors { get; init; }
    public string? Body { get; init; }
    public string? Version { get; init; }
    public string? Descendants { get; init; }
    public string? Space { get; init; }
    public string? SchedulePublishInfo { get; init; }
    public string? MacroRenderedOutput { get; init; }
}

/// <summary>A version's <c>_expandable</c>, and a body's (which has only <c>content</c>).</summary>
public sealed class VersionExpandableJson
{
    public string? Content { get; init; }
    public string? Collaborators { get; init; }
}

/// <summary>The history's <c>_expandable</c>.</summary>
public sealed class HistoryExpandableJson
{
    public string? LastUpdated { get; init; }
    public string? PreviousVersion { get; init; }
    public string? Contributors { get; init; }
    public string? NextVersion { get; init; }
    public string? OwnedBy { get; init; }
    public string? LastOwnedBy { get; init; }
}

/// <summary>The bodies' <c>_expandable</c>: the representations not shown, each "".</summary>
public sealed class BodiesExpandableJson
{
    public string? Editor { get; init; }
    public string? View { get; init; }

    [JsonPropertyName("export_view")]
    public string? ExportView { get; init; }

    [JsonPropertyName("styled_view")]
    public string? StyledView { get; init; }

    public string? Storage { get; init; }
    public string? Editor2 { get; init; }

    [JsonPropertyName("anonymous_export_view")]
    public string? AnonymousExportView { get; init; }

    [JsonPropertyName("atlas_doc_format")]
    public string? AtlasDocFormat { get; init; }

    public string? Wiki { get; init; }
    public string? Dynamic { get; init; }
    public string? Raw { get; init; }
}
