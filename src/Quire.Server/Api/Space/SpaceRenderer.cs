using Quire.Core.Security;
using Quire.Server.Api.Experimental;
using Quire.Server.Api.Group;
using Quire.Server.Api.SpaceSettings;
using Quire.Server.Api.Users;
using Quire.Server.Http;
using Quire.Storage.Groups;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.Space;

/// <summary>What a page of spaces' expansions need beyond their rows, loaded in bulk by <see cref="SpaceExpansions"/>.</summary>
public sealed class SpaceExtras
{
    public static readonly SpaceExtras Empty = new();

    public ILookup<long, SpaceLabelRecord> Labels { get; init; } = Array.Empty<SpaceLabelRecord>().ToLookup(l => l.SpaceId);
    public ILookup<long, SpacePermissionRecord> Permissions { get; init; } = Array.Empty<SpacePermissionRecord>().ToLookup(p => p.SpaceId);
    public ILookup<long, SpaceOperationRecord> Operations { get; init; } = Array.Empty<SpaceOperationRecord>().ToLookup(o => o.SpaceId);
    public IReadOnlyDictionary<long, HomepageRecord> Homepages { get; init; } = new Dictionary<long, HomepageRecord>();
    public IReadOnlyDictionary<long, UserRecord> Users { get; init; } = new Dictionary<long, UserRecord>();
}

/// <summary>Renders spaces; the one place their v1 JSON is decided.</summary>
public sealed class SpaceRenderer(ApiLinks links, UserRenderer users, GroupRenderer groups, SpaceSettingsRenderer settings)
{
    public static readonly IconJson DefaultIcon = new("/images/logo/default-space-logo.svg", 48, 48, true);

    /// <summary>Expansions this renderer can fill; the rest stay under <c>_expandable</c> even when asked for.</summary>
    private static readonly HashSet<string> Supported =
        ["settings", "metadata", "operations", "permissions", "icon", "description", "history", "homepage"];

    public SpaceJson Render(SpaceRecord space, Caller viewer, Expansion expand, bool topLevel, SpaceExtras? extras = null)
    {
        extras ??= SpaceExtras.Empty;
        var key = Uri.EscapeDataString(space.Key);
        var self = links.Api($"/rest/api/space/{key}");
        bool expanded(string name) => Supported.Contains(name) && expand.Has(name);

        return new SpaceJson
        {
            Id = space.Id,
            Key = space.Key,
            Name = space.Name,
            Type = space.Type,
            Status = space.Status,
            Icon = expanded("icon") ? DefaultIcon : null,
            Description = expanded("description") ? Description(space, expand["description"]) : null,
            Homepage = expanded("homepage") && space.HomepageId is { } homepageId && extras.Homepages.TryGetValue(homepageId, out var homepage)
                ? Homepage(homepage) : null,
            Metadata = expanded("metadata") ? Metadata(extras.Labels[space.Id].ToList(), expand["metadata"]) : null,
            Operations = expanded("operations")
                ? extras.Operations[space.Id].Select(o => new OperationJson(o.Operation, o.TargetType)).ToList() : null,
            Permissions = expanded("permissions") ? Permissions(extras.Permissions[space.Id], extras.Users, viewer) : null,
            Settings = expanded("settings") ? settings.Render(space, topLevel: false) : null,
            History = expanded("history") ? new SpaceHistoryJson
            {
                CreatedDate = QuireJson.Date(space.CreatedAt),
                CreatedBy = space.CreatedBy is { } by && extras.Users.TryGetValue(by, out var creator)
                    ? users.Render(creator, viewer, Expansion.None) : null,
            } : null,
            Expandable = Expandable(space, key, expand, extras),
            Links = new LinksJson
            {
                Webui = "/spaces/" + key, Self = self, Base = topLevel ? links.Base : null, Context = topLevel ? ApiLinks.Context : null,
            },
        };
    }

    /// <summary>
    /// Where an unexpanded part can be read. The homepage is linked by its id only when the
    /// extras show the viewer may read it (it may carry a read restriction); else the link is empty.
    /// </summary>
    private static SpaceExpandableJson Expandable(SpaceRecord space, string key, Expansion expand, SpaceExtras extras)
    {
        // Every expansion a space has is listed unless this renderer filled it.
        bool listed(string name) => !Supported.Contains(name) || !expand.Has(name);
        return new SpaceExpandableJson
        {
            Settings = listed("settings") ? $"/rest/api/space/{key}/settings" : null,
            Metadata = listed("metadata") ? "" : null,
            Operations = listed("operations") ? "" : null,
            LookAndFeel = listed("lookAndFeel") ? $"/rest/api/settings/lookandfeel?spaceKey={key}" : null,
            Identifiers = listed("identifiers") ? "" : null,
            Permissions = listed("permissions") ? "" : null,
            Icon = listed("icon") ? "" : null,
            Description = listed("description") ? "" : null,
            Theme = listed("theme") ? $"/rest/api/space/{key}/theme" : null,
            History = listed("history") ? "" : null,
            Homepage = !listed("homepage") ? null
                : space.HomepageId is { } id && extras.Homepages.ContainsKey(id) ? $"/rest/api/content/{id}" : "",
        };
    }

    /// <summary>The plain text as given; the view representation is that text made safe as HTML.</summary>
    private static SpaceDescriptionsJson Description(SpaceRecord space, Expansion expand)
    {
        var expandable = new Dictionary<string, string>();
        if (!expand.Has("plain")) expandable["plain"] = "";
        if (!expand.Has("view")) expandable["view"] = "";
        return new SpaceDescriptionsJson
        {
            Plain = expand.Has("plain") ? new SpaceDescriptionJson(space.Description, "plain", []) : null,
            View = expand.Has("view") ? new SpaceDescriptionJson(HtmlText(space.Description), "view", []) : null,
            Expandable = expandable.Count > 0 ? expandable : null,
        };
    }

    /// <summary>
    /// Escapes only HTML's special characters; unlike WebUtility.HtmlEncode it leaves
    /// non-ASCII text readable instead of turning it into numeric entities.
    /// </summary>
    internal static string HtmlText(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    private SpaceHomepageJson Homepage(HomepageRecord page)
    {
        var id = page.Id.ToString();
        var expandable = new Dictionary<string, string>();
        foreach (var name in new[] { "container", "metadata", "operations", "children", "restrictions", "history", "ancestors", "body", "version", "descendants", "space" })
            expandable[name] = "";
        return new SpaceHomepageJson
        {
            Id = id,
            Type = page.Type,
            Status = page.Status,
            Title = page.Title,
            Expandable = expandable,
            Links = new Dictionary<string, string>
            {
                ["webui"] = $"/pages/viewpage.action?pageId={id}",
                ["self"] = links.Api($"/rest/api/content/{id}"),
            },
        };
    }

    private static SpaceMetadataJson Metadata(IReadOnlyList<SpaceLabelRecord> labels, Expansion expand) => expand.Has("labels")
        ? new SpaceMetadataJson
        {
            Labels = new LabelArrayJson
            {
                Results = labels.Select(LabelJson.From).ToList(), Start = 0, Limit = labels.Count, Size = labels.Count,
            },
        }
        : new SpaceMetadataJson { Expandable = new Dictionary<string, string> { ["labels"] = "" } };

    private IReadOnlyList<SpacePermissionJson> Permissions(
        IEnumerable<SpacePermissionRecord> grants, IReadOnlyDictionary<long, UserRecord> knownUsers, Caller viewer) =>
        grants.Select(grant => new SpacePermissionJson
        {
            Id = grant.Id,
            // A grant to anonymous names no user or group: anonymousAccess says who holds it.
            AnonymousAccess = grant.Anonymous,
            Subjects = grant.Anonymous ? null : grant.UserId is { } userId
                ? new SubjectsJson
                {
                    User = knownUsers.TryGetValue(userId, out var user)
                        ? new SubjectListJson<UserJson>([users.Render(user, viewer, Expansion.None)], 1)
                        : new SubjectListJson<UserJson>([], 0),
                }
                : new SubjectsJson
                {
                    Group = new SubjectListJson<GroupJson>(
                        [groups.Render(new GroupRecord { Id = grant.GroupId!, Name = grant.GroupName ?? "" })], 1),
                },
            Operation = new OperationJson(grant.Operation, grant.TargetType),
        }).ToList();
}
