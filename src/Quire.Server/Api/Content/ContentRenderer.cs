using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Text.Json;
using Quire.Core.Content;
using Quire.Core.Formats;
using Quire.Core.Security;
using Quire.Server.Api.ContentProperties;
using Quire.Server.Api.ContentRestrictions;
using Quire.Server.Api.Experimental;
using Quire.Server.Api.Space;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Attachments;
using Quire.Storage.Comments;
using Quire.Storage.Content;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.Content;

/// <summary>What a page of content's expansions need beyond its rows, loaded in bulk by <see cref="ContentExpansions"/>.</summary>
/// <remarks>Members not loaded share empty instances: a read builds one of these per level of expansion.</remarks>
public sealed class ContentExtras
{
    public IReadOnlyDictionary<long, UserRecord> Users { get; init; } = ReadOnlyDictionary<long, UserRecord>.Empty;
    public ILookup<long, AncestorRecord> Ancestors { get; init; } = EmptyLookup<long, AncestorRecord>.Instance;
    public IReadOnlyDictionary<long, ContentRecord> Containers { get; init; } = ReadOnlyDictionary<long, ContentRecord>.Empty;
    public IReadOnlyDictionary<long, SpaceRecord> Spaces { get; init; } = ReadOnlyDictionary<long, SpaceRecord>.Empty;
    public IReadOnlyDictionary<(long ContentId, int Number), ContentVersionRecord> Versions { get; init; } = ReadOnlyDictionary<(long ContentId, int Number), ContentVersionRecord>.Empty;
    public ILookup<long, PublisherRecord> Publishers { get; init; } = EmptyLookup<long, PublisherRecord>.Instance;
    public ILookup<long, SpaceOperationRecord> Operations { get; init; } = EmptyLookup<long, SpaceOperationRecord>.Instance;
    /// <summary>children.page, descendants.comment, ...: the first members of each item's tree, by (kind, type).</summary>
    public IReadOnlyDictionary<(string Kind, string Type), ILookup<long, TreeMemberRecord>> TreeMembers { get; init; } = ReadOnlyDictionary<(string Kind, string Type), ILookup<long, TreeMemberRecord>>.Empty;
    /// <summary>
    /// children.page.version, ancestors.space, ...: tree members and ancestors rendered with what was asked below
    /// them, by (kind, type) and id; ancestors under ("ancestors", ""). Those missing render minimally.
    /// </summary>
    public IReadOnlyDictionary<(string Kind, string Type), IReadOnlyDictionary<long, ContentJson>> Nested { get; init; } = ReadOnlyDictionary<(string Kind, string Type), IReadOnlyDictionary<long, ContentJson>>.Empty;
    /// <summary>Attachments: the file each shown version holds.</summary>
    public IReadOnlyDictionary<(long ContentId, int Version), AttachmentFileRecord> Files { get; init; } = ReadOnlyDictionary<(long ContentId, int Version), AttachmentFileRecord>.Empty;
    /// <summary>metadata.currentuser: when the viewer made each item a favourite, for those it has.</summary>
    public IReadOnlyDictionary<long, long> Favourited { get; init; } = ReadOnlyDictionary<long, long>.Empty;
    /// <summary>metadata.labels: each item's first page of labels.</summary>
    public IReadOnlyDictionary<long, LabelArrayJson> Labels { get; init; } = ReadOnlyDictionary<long, LabelArrayJson>.Empty;
    /// <summary>metadata.properties.&lt;key&gt;: each item's properties among the keys asked for.</summary>
    public IReadOnlyDictionary<long, IReadOnlyDictionary<string, ContentPropertyJson>> Properties { get; init; } = ReadOnlyDictionary<long, IReadOnlyDictionary<string, ContentPropertyJson>>.Empty;
    /// <summary>restrictions: each item's read and update restrictions with their users and groups.</summary>
    public IReadOnlyDictionary<long, RestrictionSet> Restrictions { get; init; } = ReadOnlyDictionary<long, RestrictionSet>.Empty;
    /// <summary>Inline comments: their resolution (resolved, reopened, dangling) where they have one; open otherwise.</summary>
    public IReadOnlyDictionary<long, CommentResolutionRecord> Resolutions { get; init; } = ReadOnlyDictionary<long, CommentResolutionRecord>.Empty;
    /// <summary>operations: the items whose update restriction leaves the viewer out.</summary>
    public IReadOnlySet<long> UpdateRefused { get; init; } = FrozenSet<long>.Empty;
    /// <summary>body.&lt;representation&gt; other than storage: each shown version's body converted, by (id, version, representation).</summary>
    public IReadOnlyDictionary<(long ContentId, int Version, string Representation), Quire.Core.ContentBody.RenderedBody> Bodies { get; init; } = ReadOnlyDictionary<(long ContentId, int Version, string Representation), Quire.Core.ContentBody.RenderedBody>.Empty;
}

/// <summary>Renders content, its versions and its history; the one place their v1 JSON is decided.</summary>
public sealed class ContentRenderer(
    ApiLinks links, UserRenderer users, SpaceRenderer spaces, RestrictionRenderer restrictions, TimeProvider time)
{
    /// <summary>The expansions this renderer fills; the others Confluence lists stay under <c>_expandable</c> even when asked for.</summary>
    private static readonly HashSet<string> Supported =
        ["container", "metadata", "operations", "history", "ancestors", "body", "version", "space", "children", "descendants", "restrictions"];

    /// <summary>The expansions that show a piece of content's tree as a ContentChildren map.</summary>
    public static readonly string[] TreeKinds = ["children", "descendants"];

    /// <summary>How many members of each type a children/descendants expansion shows (the listings' default page size).</summary>
    public const int TreeMembersShown = 25;

    public ContentJson Render(ContentItem item, Caller viewer, Expansion expand, bool topLevel, ContentExtras extras)
    {
        var content = item.Content;
        var space = item.Space;
        var id = Id(content);
        bool expanded(string name) => Supported.Contains(name) && expand.Has(name);

        return new ContentJson
        {
            Id = id,
            Type = content.Type,
            Status = content.Status,
            Title = content.Title,
            Space = expanded("space") ? spaces.Render(space, viewer, Expansion.None, topLevel: false) : null,
            History = expanded("history") ? History(item, viewer, expand["history"], extras) : null,
            Version = expanded("version") ? Version(content, content.Version, content.UpdatedBy, content.UpdatedAt,
                content.VersionMessage, content.MinorEdit, viewer, extras) : null,
            Ancestors = expanded("ancestors") ? Ancestors(content, space, extras) : null,
            Operations = expanded("operations") ? Operations(content, extras) : null,
            Container = expanded("container") ? Container(content, space, viewer, extras) : null,
            Body = expanded("body") ? Body(content, expand["body"], extras) : null,
            Metadata = expanded("metadata") ? Metadata(content, viewer, expand["metadata"], extras) : null,
            Children = expanded("children") ? Tree(content, space, "children", expand["children"], extras) : null,
            Descendants = expanded("descendants") ? Tree(content, space, "descendants", expand["descendants"], extras) : null,
            Restrictions = expanded("restrictions") ? Restrictions(content, viewer, expand["restrictions"], extras) : null,
            Extensions = Extensions(content, extras),
            Expandable = Expandable(content, space, expand),
            Links = Links(content, space, topLevel),
        };
    }

    public VersionJson Version(
        ContentRecord content, int number, long? by, long when, string message, bool minorEdit, Caller viewer,
        ContentExtras extras, ContentJson? renderedContent = null, bool collaborators = false)
    {
        var user = by is { } userId ? extras.Users.GetValueOrDefault(userId) : null;
        var author = user is null ? null : users.Render(user, viewer, Expansion.None);
        return new VersionJson
        {
            By = author,
            When = QuireJson.Date(when),
            FriendlyWhen = FriendlyDate.Format(when, time.GetUtcNow(), viewer),
            Message = message,
            Number = number,
            MinorEdit = minorEdit,
            Content = renderedContent,
            Collaborators = collaborators ? UserKeys(user is null ? [] : [(user, author!)]) : null,
            Expandable = new VersionExpandableJson
            {
                Content = renderedContent is null ? ContentPath(content.Id) : null, Collaborators = collaborators ? null : "",
            },
            Links = new LinksJson { Self = links.Api($"/rest/api/content/{content.Id}/version/{number}") },
        };
    }

    public VersionJson Version(ContentVersionRecord version, ContentRecord content, Caller viewer, ContentExtras extras,
        ContentJson? renderedContent = null, bool collaborators = false) =>
        Version(content, version.Number, version.CreatedBy, version.CreatedAt, version.Message, version.MinorEdit, viewer, extras,
            renderedContent, collaborators);

    public ContentHistoryJson History(ContentItem item, Caller viewer, Expansion expand, ContentExtras extras)
    {
        var content = item.Content;
        VersionJson? VersionOf(int number) =>
            extras.Versions.TryGetValue((content.Id, number), out var v) ? Version(v, content, viewer, extras) : null;

        return new ContentHistoryJson
        {
            Latest = item.Latest,
            CreatedBy = content.CreatedBy is { } creator && extras.Users.TryGetValue(creator, out var user)
                ? users.Render(user, viewer, Expansion.None) : null,
            CreatedDate = QuireJson.Date(content.CreatedAt),
            LastUpdated = expand.Has("lastUpdated")
                ? Version(content, content.Version, content.UpdatedBy, content.UpdatedAt, content.VersionMessage, content.MinorEdit, viewer, extras)
                : null,
            PreviousVersion = expand.Has("previousVersion") ? VersionOf(content.Version - 1) : null,
            NextVersion = expand.Has("nextVersion") && !item.Latest ? VersionOf(content.Version + 1) : null,
            Contributors = expand.Has("contributors") ? Contributors(content, viewer, expand["contributors"], extras) : null,
            // ownedBy and lastOwnedBy are listed but never filled.
            Expandable = new HistoryExpandableJson
            {
                LastUpdated = expand.Has("lastUpdated") ? null : "",
                PreviousVersion = expand.Has("previousVersion") ? null : "",
                Contributors = expand.Has("contributors") ? null : "",
                NextVersion = expand.Has("nextVersion") ? null : "",
                OwnedBy = "",
                LastOwnedBy = "",
            },
            Links = new LinksJson { Self = links.Api($"/rest/api/content/{content.Id}/history") },
        };
    }

    private ContributorsJson Contributors(ContentRecord content, Caller viewer, Expansion expand, ContentExtras extras)
    {
        if (!expand.Has("publishers")) return new ContributorsJson { Expandable = new Dictionary<string, string> { ["publishers"] = "" } };
        var publishers = extras.Publishers[content.Id]
            .Select(p => extras.Users.TryGetValue(p.UserId, out var user) ? user : null)
            .OfType<UserRecord>()
            .Select(u => (u, users.Render(u, viewer, Expansion.None)))
            .ToList();
        return new ContributorsJson { Publishers = UserKeys(publishers) };
    }

    private static UsersUserKeysJson UserKeys(IReadOnlyList<(UserRecord Record, UserJson Json)> people) => new()
    {
        Users = people.Select(p => p.Json).ToList(),
        UserKeys = people.Select(p => p.Record.AccountId).ToList(),
        UserAccountIds = people.Select(p => p.Record.AccountId).ToList(),
    };

    /// <summary>An ancestor or container: id, type, status and title, everything else left expandable.</summary>
    private ContentJson Minimal(long id, string type, string status, string title, SpaceRecord space, ContentExtras extras)
    {
        var record = new ContentRecord { Id = id, Type = type, Status = status, Title = title, SpaceId = space.Id };
        return new ContentJson
        {
            Id = IdOf(id, type), Type = type, Status = status, Title = title,
            Expandable = Expandable(record, space, Expansion.None), Links = Links(record, space, topLevel: false),
        };
    }

    /// <summary>
    /// The ContentChildren map of the children or descendants expansion: each child type of the
    /// content, its first members (minimal, as ancestors are) when asked for, else under <c>_expandable</c>.
    /// </summary>
    private ContentChildrenAndDescendants.ContentChildrenJson Tree(
        ContentRecord content, SpaceRecord space, string kind, Expansion expand, ContentExtras extras)
    {
        var path = $"/rest/api/content/{content.Id}/{(kind == "children" ? "child" : "descendant")}";
        var arrays = new Dictionary<string, PagedJson<ContentJson>>();
        var expandable = new Dictionary<string, string>();
        foreach (var type in ContentTreeService.ChildTypesOf(content.Type))
        {
            if (!expand.Has(type))
            {
                expandable[type] = $"{path}/{type}";
                continue;
            }
            var nested = extras.Nested.GetValueOrDefault((kind, type));
            var members = extras.TreeMembers.TryGetValue((kind, type), out var lookup)
                ? lookup[content.Id].Select(m => nested?.GetValueOrDefault(m.Id) ?? Minimal(m.Id, m.Type, m.Status, m.Title,
                    extras.Spaces.TryGetValue(m.SpaceId, out var own) ? own : space, extras)).ToList()
                : [];
            arrays[type] = new PagedJson<ContentJson>
            {
                Results = members, Start = 0, Limit = TreeMembersShown, Size = members.Count,
                Links = new Dictionary<string, string> { ["self"] = links.Api($"{path}/{type}") },
            };
        }
        return new ContentChildrenAndDescendants.ContentChildrenJson
        {
            Page = arrays.GetValueOrDefault(ContentRules.Page),
            Comment = arrays.GetValueOrDefault(ContentRules.Comment),
            Attachment = arrays.GetValueOrDefault("attachment"),
            Expandable = expandable,
            Links = new Dictionary<string, string> { ["self"] = links.Api(path) },
        };
    }

    /// <summary>The ancestors, root first: minimal, or rendered with what was asked below <c>ancestors</c>.</summary>
    private List<ContentJson> Ancestors(ContentRecord content, SpaceRecord space, ContentExtras extras)
    {
        var nested = extras.Nested.GetValueOrDefault(("ancestors", ""));
        return extras.Ancestors[content.Id].OrderByDescending(a => a.Depth)
            .Select(a => nested?.GetValueOrDefault(a.Id) ?? Minimal(a, space, extras)).ToList();
    }

    private ContentJson Minimal(AncestorRecord ancestor, SpaceRecord space, ContentExtras extras) =>
        Minimal(ancestor.Id, ancestor.Type, ancestor.Status, ancestor.Title,
            extras.Spaces.TryGetValue(ancestor.SpaceId, out var own) ? own : space, extras);

    private ContainerJson? Container(ContentRecord content, SpaceRecord space, Caller viewer, ContentExtras extras)
    {
        if (content.ContainerId is not { } containerId) return new ContainerJson(spaces.Render(space, viewer, Expansion.None, topLevel: false));
        return extras.Containers.TryGetValue(containerId, out var container)
            ? new ContainerJson(Minimal(container.Id, container.Type, container.Status, container.Title, space, extras))
            : null;
    }

    /// <summary>restrictions.read / restrictions.update with their users and groups (the first 200 of each).</summary>
    private ContentRestrictionsJson Restrictions(ContentRecord content, Caller viewer, Expansion expand, ContentExtras extras)
    {
        var path = RestrictionRenderer.ByOperationPath(content.Id);
        var set = extras.Restrictions.GetValueOrDefault(content.Id) ?? RestrictionSet.Empty(content.Id);
        ContentRestrictionJson? One(string operation) =>
            expand.Has(operation) ? restrictions.Render(set, operation, expand[operation], viewer, start: 0, limit: 200) : null;
        return new ContentRestrictionsJson
        {
            Read = One("read"),
            Update = One("update"),
            Expandable = new[] { "read", "update" }.Where(o => !expand.Has(o)).ToDictionary(o => o, o => $"{path}/{o}"),
            Links = new Dictionary<string, string> { ["self"] = links.Api(path) },
        };
    }

    private static ContentBodiesJson Body(ContentRecord content, Expansion expand, ContentExtras extras)
    {
        // A representation is listed unless it was asked for and can be read ("wiki" and "raw" cannot).
        string? Listed(string name) => expand.Has(name) && Quire.Core.ContentBody.BodyRepresentations.Readable.Contains(name) ? null : "";
        ContentBodyJson? BodyIn(string representation)
        {
            if (!expand.Has(representation)) return null;
            BodyText value;
            IReadOnlyList<Quire.Core.ContentBody.EmbeddedItem> embedded = [];
            if (representation == Quire.Core.ContentBody.BodyRepresentations.Storage)
                // The bytes the content query read, when it read them so (no .NET string of the body then).
                value = content.BodyStorageUtf8 is { } utf8 ? new BodyText(utf8) : content.BodyStorage;
            else if (extras.Bodies.GetValueOrDefault((content.Id, content.Version, representation)) is { } rendered)
                (value, embedded) = (rendered.Value, rendered.Embedded);
            else
                return null;
            return new ContentBodyJson
            {
                Value = value, Representation = Quire.Core.ContentBody.BodyRepresentations.AsAnswered(representation),
                EmbeddedContent = embedded.Count == 0 ? [] : embedded.Select(e => new EmbeddedContentJson(e.EntityId, e.EntityType)).ToList(),
                Expandable = new VersionExpandableJson { Content = ContentPath(content.Id) },
            };
        }
        return new ContentBodiesJson
        {
            View = BodyIn("view"),
            ExportView = BodyIn("export_view"),
            StyledView = BodyIn("styled_view"),
            Storage = BodyIn("storage"),
            Editor = BodyIn("editor"),
            Editor2 = BodyIn("editor2"),
            AnonymousExportView = BodyIn("anonymous_export_view"),
            AtlasDocFormat = BodyIn("atlas_doc_format"),
            Dynamic = BodyIn("dynamic"),
            Expandable = new BodiesExpandableJson
            {
                Editor = Listed("editor"), View = Listed("view"), ExportView = Listed("export_view"), StyledView = Listed("styled_view"),
                Storage = Listed("storage"), Editor2 = Listed("editor2"), AnonymousExportView = Listed("anonymous_export_view"),
                AtlasDocFormat = Listed("atlas_doc_format"), Wiki = Listed("wiki"), Dynamic = Listed("dynamic"), Raw = Listed("raw"),
            },
        };
    }

    /// <summary>Content operations: <see cref="ContentOperations"/>'s rule over the loaded grants and restrictions.</summary>
    private static List<OperationJson> Operations(ContentRecord content, ContentExtras extras) =>
        ContentOperations.Of(content, extras.Operations[content.SpaceId], changeable: !extras.UpdateRefused.Contains(content.Id))
            .Select(o => new OperationJson(o.Operation, o.TargetType)).ToList();

    private ContentMetadataJson Metadata(ContentRecord content, Caller viewer, Expansion expand, ContentExtras extras)
    {
        var expandable = new Dictionary<string, string> { ["frontend"] = "" };
        if (!expand.Has("labels")) expandable["labels"] = $"/rest/api/content/{Id(content)}/label";
        if (!expand.Has("properties")) expandable["properties"] = $"/rest/api/content/{Id(content)}/property";
        if (!expand.Has("currentuser")) expandable["currentuser"] = "";
        var file = content.Type == ContentRules.Attachment ? extras.Files.GetValueOrDefault((content.Id, content.Version)) : null;
        return new ContentMetadataJson
        {
            MediaType = file?.MediaType,
            Comment = file?.Comment,
            Currentuser = expand.Has("currentuser") ? CurrentUser(content, viewer, extras) : null,
            Labels = expand.Has("labels") ? extras.Labels.GetValueOrDefault(content.Id) : null,
            // Keyed by property key, as Confluence answers; a key the content lacks is left out.
            Properties = expand.Has("properties")
                ? extras.Properties.TryGetValue(content.Id, out var found) ? found : new Dictionary<string, ContentPropertyJson>()
                : null,
            Expandable = expandable,
        };
    }

    private CurrentUserJson CurrentUser(ContentRecord content, Caller viewer, ContentExtras extras)
    {
        var modifiedByViewer = content.UpdatedBy == viewer.UserId;
        return new CurrentUserJson
        {
            Favourited = extras.Favourited.TryGetValue(content.Id, out var favouritedAt)
                ? new Dictionary<string, object> { ["isFavourite"] = true, ["favouritedDate"] = QuireJson.Date(favouritedAt) }
                : new Dictionary<string, object> { ["isFavourite"] = false },
            Lastmodified = modifiedByViewer
                ? new Dictionary<string, object>
                {
                    ["version"] = Version(content, content.Version, content.UpdatedBy, content.UpdatedAt, content.VersionMessage, content.MinorEdit, viewer, extras),
                    ["friendlyLastModified"] = FriendlyDate.Format(content.UpdatedAt, time.GetUtcNow(), viewer),
                }
                : null,
            Lastcontributed = modifiedByViewer
                ? new Dictionary<string, object> { ["status"] = content.Status, ["when"] = QuireJson.Date(content.UpdatedAt) }
                : null,
            Expandable = new Dictionary<string, string> { ["viewed"] = "", ["scheduled"] = "" },
        };
    }

    private static Dictionary<string, object>? Extensions(ContentRecord content, ContentExtras extras)
    {
        if (content.Type == ContentRules.Attachment)
            return extras.Files.TryGetValue((content.Id, content.Version), out var file)
                ? new Dictionary<string, object>
                {
                    ["mediaType"] = file.MediaType, ["fileSize"] = file.FileSize, ["comment"] = file.Comment,
                    // Cloud's media identity, which ADF media nodes name (stable across the attachment's versions).
                    ["fileId"] = Quire.Core.Attachments.AttachmentFileIds.Of(content.Id),
                    ["collectionName"] = Quire.Core.Attachments.AttachmentFileIds.Collection(content.ContainerId ?? 0),
                }
                : null;
        if (content.Type == ContentRules.Comment)
        {
            var extensions = new Dictionary<string, object> { ["location"] = content.CommentLocation ?? ContentRules.Footer };
            if (content.InlineProperties is { } inline) extensions["inlineProperties"] = JsonDocument.Parse(inline).RootElement.Clone();
            // Cloud's v1 answers an inline comment's resolution beside its location; a reply has none of its own.
            if (content.Is(ContentKind.InlineComment) && content.ParentId is null)
            {
                var resolution = extras.Resolutions.GetValueOrDefault(content.Id);
                var status = new Dictionary<string, object> { ["status"] = resolution?.Status ?? "open" };
                if (resolution is not null) status["lastModifiedDate"] = QuireJson.Date(resolution.ModifiedAt);
                extensions["resolution"] = status;
            }
            return extensions;
        }
        return content.Type == ContentRules.Page ? new Dictionary<string, object> { ["position"] = content.Position } : null;
    }

    /// <summary>Content's <c>_links</c>; <c>base</c> and <c>context</c> only on a top-level answer.</summary>
    private LinksJson Links(ContentRecord content, SpaceRecord space, bool topLevel)
    {
        var (base_, context) = topLevel ? (links.Base, ApiLinks.Context) : (null, null);
        if (content.Type == ContentRules.Attachment && content.ContainerId is { } page)
        {
            return new LinksJson
            {
                Webui = ContentWebLinks.Webui(content, space.Key),
                Download = ContentWebLinks.Download(content, page),
                Self = links.Api($"/rest/api/content/{Id(content)}"),
                Base = base_, Context = context,
            };
        }
        return new LinksJson
        {
            Webui = ContentWebLinks.Webui(content, space.Key),
            Edit = content.Type == ContentRules.Comment ? null : $"/pages/resumedraft.action?draftId={content.Id}",
            Tinyui = ContentWebLinks.Tinyui(content.Id),
            Self = links.Api(ContentPath(content.Id)),
            Base = base_, Context = context,
        };
    }

    /// <summary>Content's <c>_expandable</c>: where each part not expanded can be read ("" where it has no address of its own).</summary>
    private static ContentExpandableJson Expandable(ContentRecord content, SpaceRecord space, Expansion expand)
    {
        bool listed(string name) => !Supported.Contains(name) || !expand.Has(name);
        var spacePath = listed("space") || (listed("container") && content.ContainerId is null)
            ? $"/rest/api/space/{Uri.EscapeDataString(space.Key)}" : null;
        return new ContentExpandableJson
        {
            ChildTypes = "",
            Container = !listed("container") ? null : content.ContainerId is { } on ? ContentPath(on) : spacePath,
            Metadata = listed("metadata") ? "" : null,
            Operations = listed("operations") ? "" : null,
            SchedulePublishDate = "",
            Children = listed("children") ? $"/rest/api/content/{content.Id}/child" : null,
            Restrictions = listed("restrictions") ? $"/rest/api/content/{content.Id}/restriction/byOperation" : null,
            History = listed("history") ? $"/rest/api/content/{content.Id}/history" : null,
            Ancestors = listed("ancestors") ? "" : null,
            Body = listed("body") ? "" : null,
            Version = listed("version") ? "" : null,
            Descendants = listed("descendants") ? $"/rest/api/content/{content.Id}/descendant" : null,
            Space = listed("space") ? spacePath : null,
            SchedulePublishInfo = "",
            MacroRenderedOutput = "",
        };
    }

    /// <summary>A piece of content's API path, relative to the context.</summary>
    private static string ContentPath(long id) => "/rest/api/content/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Content ids are numbers as strings; an attachment's carries the prefix <c>att</c>, as in Confluence.</summary>
    public static string Id(ContentRecord content) => IdOf(content.Id, content.Type);

    public static string IdOf(long id, string type) =>
        (type == ContentRules.Attachment ? "att" : "") + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
