using System.Text.Json;
using System.Text.Json.Serialization;
using Quire.Server.Api.ContentRestrictions;
using Quire.Server.Api.Space;
using Quire.Server.Api.Users;
using Quire.Server.Http;

namespace Quire.Server.Api.Content;

/// <summary>The v1 Content shape: a page, blog post or comment, with what was expanded.</summary>
public sealed class ContentJson
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Status { get; init; }
    public required string Title { get; init; }
    public SpaceJson? Space { get; init; }
    public ContentHistoryJson? History { get; init; }
    public VersionJson? Version { get; init; }
    public IReadOnlyList<ContentJson>? Ancestors { get; init; }
    public IReadOnlyList<OperationJson>? Operations { get; init; }
    /// <summary>The space of a page or blog post, the page or blog post of a comment.</summary>
    public ContainerJson? Container { get; init; }
    public ContentBodiesJson? Body { get; init; }
    public ContentMetadataJson? Metadata { get; init; }
    public ContentChildrenAndDescendants.ContentChildrenJson? Children { get; init; }
    public ContentChildrenAndDescendants.ContentChildrenJson? Descendants { get; init; }
    public ContentRestrictionsJson? Restrictions { get; init; }
    public Dictionary<string, object>? Extensions { get; init; }

    [JsonPropertyName("_expandable")]
    public required ContentExpandableJson Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required LinksJson Links { get; init; }
}

/// <summary>A content's bodies, one member per representation expanded (the others are under <c>_expandable</c>).</summary>
public sealed class ContentBodiesJson
{
    public ContentBodyJson? View { get; init; }

    [JsonPropertyName("export_view")]
    public ContentBodyJson? ExportView { get; init; }

    [JsonPropertyName("styled_view")]
    public ContentBodyJson? StyledView { get; init; }

    public ContentBodyJson? Storage { get; init; }
    public ContentBodyJson? Editor { get; init; }
    public ContentBodyJson? Editor2 { get; init; }

    [JsonPropertyName("anonymous_export_view")]
    public ContentBodyJson? AnonymousExportView { get; init; }

    [JsonPropertyName("atlas_doc_format")]
    public ContentBodyJson? AtlasDocFormat { get; init; }

    public ContentBodyJson? Dynamic { get; init; }

    [JsonPropertyName("_expandable")]
    public required BodiesExpandableJson Expandable { get; init; }
}

public sealed class ContentBodyJson
{
    public required BodyText Value { get; init; }
    public required string Representation { get; init; }
    /// <summary>What the body embeds (attachments shown, pages included), for the rendered representations.</summary>
    public IReadOnlyList<EmbeddedContentJson> EmbeddedContent { get; init; } = [];

    [JsonPropertyName("_expandable")]
    public required VersionExpandableJson Expandable { get; init; }
}

/// <summary>EmbeddedContent: an entity a rendered body embeds.</summary>
public sealed record EmbeddedContentJson(long EntityId, string EntityType);

/// <summary>The v1 Version shape.</summary>
public sealed class VersionJson
{
    public UserJson? By { get; init; }
    public required string When { get; init; }
    public string? FriendlyWhen { get; init; }
    public required string Message { get; init; }
    public int Number { get; init; }
    public bool MinorEdit { get; init; }
    public ContentJson? Content { get; init; }
    public UsersUserKeysJson? Collaborators { get; init; }
    public bool ContentTypeModified { get; init; }

    [JsonPropertyName("_expandable")]
    public required VersionExpandableJson Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required LinksJson Links { get; init; }
}

/// <summary>The v1 ContentHistory shape.</summary>
public sealed class ContentHistoryJson
{
    public bool Latest { get; init; }
    public UserJson? CreatedBy { get; init; }
    public required string CreatedDate { get; init; }
    public VersionJson? LastUpdated { get; init; }
    public VersionJson? PreviousVersion { get; init; }
    public VersionJson? NextVersion { get; init; }
    public ContributorsJson? Contributors { get; init; }

    [JsonPropertyName("_expandable")]
    public required HistoryExpandableJson Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required LinksJson Links { get; init; }
}

public sealed class ContributorsJson
{
    public UsersUserKeysJson? Publishers { get; init; }

    [JsonPropertyName("_expandable")]
    public Dictionary<string, string>? Expandable { get; init; }
}

/// <summary>UsersUserKeys: users with their keys and account ids.</summary>
public sealed class UsersUserKeysJson
{
    public required IReadOnlyList<UserJson> Users { get; init; }
    public required IReadOnlyList<string> UserKeys { get; init; }
    public required IReadOnlyList<string> UserAccountIds { get; init; }
}

public sealed class ContentMetadataJson
{
    /// <summary>Attachments: the media type and comment of the version shown.</summary>
    public string? MediaType { get; init; }
    public string? Comment { get; init; }
    public CurrentUserJson? Currentuser { get; init; }
    public Experimental.LabelArrayJson? Labels { get; init; }
    public IReadOnlyDictionary<string, ContentProperties.ContentPropertyJson>? Properties { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }
}

/// <summary>What the content is to the caller: its favourite (the caller's <c>my:favourite</c> label), its last edit.</summary>
public sealed class CurrentUserJson
{
    public required Dictionary<string, object> Favourited { get; init; }
    public Dictionary<string, object>? Lastmodified { get; init; }
    public Dictionary<string, object>? Lastcontributed { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }
}

/// <summary>Request shapes shared by create and update.</summary>
public sealed record BodyValueRequest(string? Value, string? Representation);

/// <summary>
/// A body, keyed by its representation as Confluence takes it (<c>{"storage": {"value", "representation"}}</c>);
/// the inner <c>representation</c> decides when both are given (clients post wiki markup under <c>storage</c>).
/// </summary>
public sealed record BodyRequest(
    BodyValueRequest? Storage,
    [property: JsonPropertyName("atlas_doc_format")] BodyValueRequest? AtlasDocFormat,
    BodyValueRequest? Wiki,
    BodyValueRequest? Editor,
    BodyValueRequest? Editor2,
    BodyValueRequest? View,
    [property: JsonPropertyName("export_view")] BodyValueRequest? ExportView,
    [property: JsonPropertyName("styled_view")] BodyValueRequest? StyledView,
    [property: JsonPropertyName("anonymous_export_view")] BodyValueRequest? AnonymousExportView,
    BodyValueRequest? Dynamic,
    BodyValueRequest? Plain,
    BodyValueRequest? Raw)
{
    /// <summary>The bodies sent, each with the representation its key names, storage first.</summary>
    public IEnumerable<(string Key, BodyValueRequest Value)> Sent()
    {
        (string, BodyValueRequest?)[] all =
        [
            ("storage", Storage), ("atlas_doc_format", AtlasDocFormat), ("wiki", Wiki), ("editor", Editor), ("editor2", Editor2),
            ("view", View), ("export_view", ExportView), ("styled_view", StyledView), ("anonymous_export_view", AnonymousExportView),
            ("dynamic", Dynamic), ("plain", Plain), ("raw", Raw),
        ];
        foreach (var (key, value) in all)
            if (value is not null) yield return (key, value);
    }
}

public sealed record SpaceKeyRequest(string? Key);

public sealed record VersionRequest(int? Number, string? Message, bool? MinorEdit);

/// <summary>ContentCreate. Ids of ancestors and containers may be strings or numbers, so they stay JSON.</summary>
public sealed record ContentCreateRequest(
    string? Id, string? Title, string? Type, SpaceKeyRequest? Space, string? Status, JsonElement? Container,
    JsonElement? Ancestors, BodyRequest? Body, JsonElement? Extensions);

/// <summary>ContentBlueprintDraft.</summary>
public sealed record BlueprintDraftRequest(VersionRequest? Version, string? Title, string? Type, string? Status, SpaceKeyRequest? Space, JsonElement? Ancestors);

public sealed record ContentUpdateRequest(
    VersionRequest? Version, string? Title, string? Type, string? Status, JsonElement? Ancestors, BodyRequest? Body);
