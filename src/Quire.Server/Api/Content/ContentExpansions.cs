using System.Collections.Frozen;
using System.Collections.ObjectModel;
using Quire.Core;
using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Api.ContentLabels;
using Quire.Server.Api.ContentProperties;
using Quire.Server.Api.ContentRestrictions;
using Quire.Server.Http;
using Quire.Storage.Attachments;
using Quire.Storage.Content;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.Content;

/// <summary>
/// Renders a page of content with its expansions, loading each expansion for the whole
/// page in one query (never one per item), so a listing's query count does not grow with it.
/// Expansions asked below <c>children.&lt;type&gt;</c>, <c>descendants.&lt;type&gt;</c> and
/// <c>ancestors</c> (<c>children.page.body.storage</c>, <c>ancestors.version</c>) apply to those
/// members the same way, a level at a time: <see cref="MaxNestedLevels"/> levels deep and
/// <see cref="MaxNestedItems"/> members per request at most; beyond either, members show as they
/// do without a nested expansion (id, type, status, title and links).
/// </summary>
/// <remarks>
/// Everything but the renderer and the content store is <see cref="Deferred{T}"/>: a request resolves only the loaders of
/// the expansions it asked for (a page read with <c>body.storage,version,space</c> needs none of them).
/// </remarks>
public sealed class ContentExpansions(
    ContentRenderer renderer, ContentStore store, Deferred<ContentTreeStore> tree, Deferred<SpacePermissionStore> permissions,
    Deferred<UserStore> users, Deferred<ContentLabelExpansion> labels, Deferred<ContentPropertyExpansion> properties,
    Deferred<AttachmentStore> attachments, Deferred<RestrictionSetLoader> restrictions,
    Deferred<Quire.Core.ContentBody.BodyConverter> bodyConverter, Deferred<Quire.Storage.Comments.CommentResolutionStore> resolutions)
{
    /// <summary>
    /// How many levels of trees (or ancestors) below the items nested expansions reach: Cloud's own
    /// example of the deepest expansion it allows, <c>children.page.children.page.children.page.children</c>,
    /// expands three levels of members.
    /// </summary>
    public const int MaxNestedLevels = 3;

    /// <summary>
    /// How many members one request renders with nested expansions, over all levels: each level
    /// multiplies the members (25 per tree and item), and each may carry its body.
    /// </summary>
    public const int MaxNestedItems = 1000;

    private static readonly string[] TreeMemberTypes = [ContentRules.Page, ContentRules.Comment, ContentRules.Attachment];

    /// <summary>Rows of a listing: their spaces come in one query, since every item's links need its space key.</summary>
    public async Task<IReadOnlyList<ContentJson>> RenderAsync(
        IReadOnlyList<ContentRecord> rows, Caller viewer, Expansion expand, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var spaces = (await store.SpacesAsync(rows.Select(r => r.SpaceId).Distinct().ToList(), ct)).ToDictionary(s => s.Id);
        var items = rows.Where(r => spaces.ContainsKey(r.SpaceId)).Select(r => new ContentItem(r, spaces[r.SpaceId])).ToList();
        return await RenderAsync(items, viewer, expand, topLevel: false, ct);
    }

    public Task<IReadOnlyList<ContentJson>> RenderAsync(
        IReadOnlyList<ContentItem> items, Caller viewer, Expansion expand, bool topLevel, CancellationToken ct) =>
        RenderAsync(items, viewer, expand, topLevel, new Nesting(), ct);

    public Task<ContentExtras> LoadAsync(IReadOnlyList<ContentItem> items, Caller viewer, Expansion expand, CancellationToken ct) =>
        LoadAsync(items, viewer, expand, new Nesting(), ct);

    private async Task<IReadOnlyList<ContentJson>> RenderAsync(
        IReadOnlyList<ContentItem> items, Caller viewer, Expansion expand, bool topLevel, Nesting nesting, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var extras = await LoadAsync(items, viewer, expand, nesting, ct);
        return items.Select(i => renderer.Render(i, viewer, expand, topLevel, extras)).ToList();
    }

    private async Task<ContentExtras> LoadAsync(IReadOnlyList<ContentItem> items, Caller viewer, Expansion expand, Nesting nesting, CancellationToken ct)
    {
        // Most calls render one item (a content read): its ids need no distinct pass.
        List<long> ids = items.Count == 1 ? [items[0].Content.Id] : items.Select(i => i.Content.Id).Distinct().ToList();
        var history = expand["history"];

        var ancestors = expand.Has("ancestors") ? await store.AncestorsAsync(ids, SpaceAccess.ViewerOf(viewer), ct) : [];
        var containers = expand.Has("container")
            ? await store.FindManyAsync(items.Select(i => i.Content.ContainerId).OfType<long>().Distinct().ToList(), ct) : [];
        var publishers = history["contributors"].Has("publishers") ? await store.PublishersAsync(ids, ct) : [];
        var operations = expand.Has("operations")
            ? await permissions.Value.OperationsForAsync(items.Select(i => i.Space.Id).Distinct().ToList(), SpaceAccess.ViewerOf(viewer), ct) : [];
        var updateRefused = expand.Has("operations")
            ? await restrictions.Value.UpdateRefusedAsync(items.Select(i => i.Content).ToList(), viewer, ct) : FrozenSet<long>.Empty;
        var restrictionSets = expand.Has("restrictions")
            ? await restrictions.Value.LoadAsync(ids, ct) : ReadOnlyDictionary<long, RestrictionSet>.Empty;

        // Made only when children or descendants are asked for: most reads ask for neither.
        Dictionary<(string Kind, string Type), ILookup<long, TreeMemberRecord>>? asked = null;
        foreach (var kind in ContentRenderer.TreeKinds)
            foreach (var type in TreeMemberTypes)
                if (expand.Has(kind) && expand[kind].Has(type))
                    (asked ??= [])[(kind, type)] = (await tree.Value.MembersOfManyAsync(
                        ids, type, kind == "children" ? 1 : ContentTreeStore.DepthLimit, ContentRenderer.TreeMembersShown,
                        SpaceAccess.ViewerOf(viewer), ct)).ToLookup(m => m.OfId);
        IReadOnlyDictionary<(string Kind, string Type), ILookup<long, TreeMemberRecord>> members =
            asked is null ? ReadOnlyDictionary<(string Kind, string Type), ILookup<long, TreeMemberRecord>>.Empty : asked;
        var nested = await NestedAsync(members, ancestors, items.Select(i => i.Space), viewer, expand, nesting, ct);

        var metadata = expand["metadata"];
        var labelArrays = metadata.Has("labels") ? await labels.Value.LoadAsync(ids, viewer, ct) : ReadOnlyDictionary<long, Experimental.LabelArrayJson>.Empty;
        var favourited = metadata.Has("currentuser") ? await labels.Value.FavouritedAsync(ids, viewer, ct) : ReadOnlyDictionary<long, long>.Empty;
        // metadata.properties.<key>: properties are asked for by key; what is expanded below a key (version) applies to all.
        var keys = metadata["properties"].Names;
        var propertyMaps = keys.Count > 0
            ? await properties.Value.LoadAsync(ids, keys, viewer,
                Expansion.Parse(string.Join(',', keys.Select(k => metadata["properties"][k].ToString()).Where(e => e.Length > 0))), ct)
            : ReadOnlyDictionary<long, IReadOnlyDictionary<string, ContentPropertyJson>>.Empty;

        // Attachments always show their file (extensions); one query for every attachment version on the page.
        var attachmentItems = items.Any(i => i.Content.Type == ContentRules.Attachment)
            ? items.Where(i => i.Content.Type == ContentRules.Attachment).ToList() : [];
        var files = attachmentItems.Count == 0 ? [] : await attachments.Value.FilesAsync(
            attachmentItems.Select(i => i.Content.Id).Distinct().ToList(), attachmentItems.Select(i => i.Content.Version).Distinct().ToList(), ct);

        var numbers = new HashSet<int>();
        if (expand.Has("history") && history.Has("previousVersion")) numbers.UnionWith(items.Select(i => i.Content.Version - 1));
        if (expand.Has("history") && history.Has("nextVersion")) numbers.UnionWith(items.Where(i => !i.Latest).Select(i => i.Content.Version + 1));
        var versions = numbers.Count == 0 ? [] : await store.VersionsAsync(ids, numbers, ct);

        // The version's author usually came with the row (the single-content read joins it); the others come in one query.
        var known = new Dictionary<long, UserRecord>();
        foreach (var item in items)
            if (item.Content.KnownAuthor is { } author) known.TryAdd(author.Id, author);
        // Only users not known already: a read whose author came with its row adds none (and iterates nothing by LINQ).
        var userIds = new HashSet<long>();
        var authors = expand.Has("version") || expand.Has("history") || metadata.Has("currentuser");
        var creators = expand.Has("history");
        foreach (var item in items)
        {
            if (authors && item.Content.UpdatedBy is { } author && !known.ContainsKey(author)) userIds.Add(author);
            if (creators && item.Content.CreatedBy is { } creator && !known.ContainsKey(creator)) userIds.Add(creator);
        }
        foreach (var version in versions)
            if (version.CreatedBy is { } versionAuthor && !known.ContainsKey(versionAuthor)) userIds.Add(versionAuthor);
        foreach (var publisher in publishers)
            if (!known.ContainsKey(publisher.UserId)) userIds.Add(publisher.UserId);
        if (userIds.Count > 0)
            foreach (var user in await users.Value.FindManyByIdsAsync(userIds, ct)) known[user.Id] = user;
        var bodies = expand.Has("body") ? await BodiesAsync(items, viewer, expand["body"], ct)
            : ReadOnlyDictionary<(long, int, string), Quire.Core.ContentBody.RenderedBody>.Empty;

        // Inline comments show their resolution in extensions: one query for the page's, none without any.
        var inlineIds = items.Any(i => i.Content.Is(ContentKind.InlineComment))
            ? items.Where(i => i.Content.Is(ContentKind.InlineComment)).Select(i => i.Content.Id).Distinct().ToList() : [];
        var resolutionRows = inlineIds.Count == 0 ? [] : await resolutions.Value.ForManyAsync(inlineIds, ct);

        var spaces = new Dictionary<long, SpaceRecord>();
        foreach (var item in items) spaces.TryAdd(item.Space.Id, item.Space);

        return new ContentExtras
        {
            Users = known,
            Ancestors = ancestors.ToLookupOrEmpty(a => a.OfId),
            Containers = containers.ToDictionaryOrEmpty(c => c.Id),
            Spaces = spaces,
            Versions = versions.ToDictionaryOrEmpty(v => (v.ContentId, v.Number)),
            Publishers = publishers.ToLookupOrEmpty(p => p.ContentId),
            Operations = operations.ToLookupOrEmpty(o => o.SpaceId),
            TreeMembers = members,
            Nested = nested,
            Labels = labelArrays,
            Favourited = favourited,
            Files = files.ToDictionaryOrEmpty(f => (f.ContentId, f.Version)),
            Properties = propertyMaps,
            Restrictions = restrictionSets,
            UpdateRefused = updateRefused,
            Bodies = bodies,
            Resolutions = resolutionRows.ToDictionaryOrEmpty(r => r.ContentId),
        };
    }

    /// <summary>body.X for every representation asked but storage (which is the row's): each converted for all items at once.</summary>
    private async Task<IReadOnlyDictionary<(long, int, string), Quire.Core.ContentBody.RenderedBody>> BodiesAsync(
        IReadOnlyList<ContentItem> items, Caller viewer, Expansion body, CancellationToken ct)
    {
        if (body.Names.All(name => name == Quire.Core.ContentBody.BodyRepresentations.Storage))
            return ReadOnlyDictionary<(long, int, string), Quire.Core.ContentBody.RenderedBody>.Empty;
        var result = new Dictionary<(long, int, string), Quire.Core.ContentBody.RenderedBody>();
        var sources = items.Where(i => i.Content.Type != ContentRules.Attachment).DistinctBy(i => (i.Content.Id, i.Content.Version))
            .Select(i => new Quire.Core.ContentBody.BodyToRender(i.Content.Id, i.Content.Version, i.Content.BodyStorage, i.Space.Key, i.Content.Title))
            .ToList();
        foreach (var representation in Quire.Core.ContentBody.BodyRepresentations.Readable)
        {
            if (representation == Quire.Core.ContentBody.BodyRepresentations.Storage || !body.Has(representation) || sources.Count == 0) continue;
            var rendered = await bodyConverter.Value.FromStorageAsync(sources, representation, viewer, ct);
            foreach (var (source, value) in sources.Zip(rendered)) result[(source.ContentId, source.Version, representation)] = value;
        }
        return result;
    }

    /// <summary>
    /// The tree members and ancestors that have expansions asked below them, rendered with those
    /// expansions by (kind, type) and id (ancestors under ("ancestors", "")). Their rows come in one
    /// query, and each group renders as a page of content does, one query per expansion, so the
    /// cost does not grow with the number of members. A level beyond the bounds is left out.
    /// </summary>
    private async Task<IReadOnlyDictionary<(string Kind, string Type), IReadOnlyDictionary<long, ContentJson>>> NestedAsync(
        IReadOnlyDictionary<(string Kind, string Type), ILookup<long, TreeMemberRecord>> members, IReadOnlyList<AncestorRecord> ancestors,
        IEnumerable<SpaceRecord> knownSpaces, Caller viewer, Expansion expand, Nesting nesting, CancellationToken ct)
    {
        if (members.Count == 0 && expand["ancestors"].IsEmpty) return ReadOnlyDictionary<(string, string), IReadOnlyDictionary<long, ContentJson>>.Empty;
        var result = new Dictionary<(string Kind, string Type), IReadOnlyDictionary<long, ContentJson>>();
        var groups = members
            .Where(m => !expand[m.Key.Kind][m.Key.Type].IsEmpty)
            .Select(m => (m.Key.Kind, m.Key.Type, Below: expand[m.Key.Kind][m.Key.Type], Ids: m.Value.SelectMany(g => g).Select(t => t.Id).Distinct().ToList()))
            .ToList();
        if (!expand["ancestors"].IsEmpty) groups.Add(("ancestors", "", expand["ancestors"], ancestors.Select(a => a.Id).Distinct().ToList()));
        groups.RemoveAll(g => g.Ids.Count == 0);
        if (groups.Count == 0 || nesting.Level >= MaxNestedLevels || !nesting.TryTake(groups.Sum(g => g.Ids.Count))) return result;

        var records = (await store.FindManyAsync(groups.SelectMany(g => g.Ids).Distinct().ToList(), ct)).ToDictionary(r => r.Id);
        // Members and ancestors share their item's space; only content moved across spaces needs another.
        var spaces = knownSpaces.DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var missing = records.Values.Select(r => r.SpaceId).Where(id => !spaces.ContainsKey(id)).Distinct().ToList();
        foreach (var space in await store.SpacesAsync(missing, ct)) spaces[space.Id] = space;

        var deeper = nesting.Deeper();
        foreach (var (kind, type, below, ids) in groups)
        {
            var groupItems = ids.Select(records.GetValueOrDefault).OfType<ContentRecord>().Where(r => spaces.ContainsKey(r.SpaceId))
                .Select(r => new ContentItem(r, spaces[r.SpaceId])).ToList();
            var rendered = await RenderAsync(groupItems, viewer, below, topLevel: false, deeper, ct);
            result[(kind, type)] = groupItems.Zip(rendered).ToDictionary(p => p.First.Content.Id, p => p.Second);
        }
        return result;
    }

    /// <summary>Where a render is among nested expansions: its level, and what is left of the request's budget of nested members.</summary>
    private sealed class Nesting
    {
        private readonly int[] _remaining;

        public Nesting() : this(0, [MaxNestedItems]) { }

        private Nesting(int level, int[] remaining) => (Level, _remaining) = (level, remaining);

        public int Level { get; }

        public Nesting Deeper() => new(Level + 1, _remaining);

        /// <summary>Takes <paramref name="count"/> members from the budget shared by every level of the request, if it has them.</summary>
        public bool TryTake(int count)
        {
            if (count > _remaining[0]) return false;
            _remaining[0] -= count;
            return true;
        }
    }
}
