using System.Text;
using Quire.Core.Formats.View;
using Quire.Storage.ContentBody;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.ContentBody;

/// <summary>
/// Loads what many bodies refer to, for one viewer, in a fixed number of queries whatever the
/// number of bodies or links: pages by title or id, then (knowing their ids) attachments and
/// children, plus users, spaces and the bodies' own titles.
/// </summary>
public sealed class BodyReferenceLoader(BodyReferenceStore store, UserStore users)
{
    public sealed record Loaded(ViewResolutions Resolutions, IReadOnlyDictionary<long, string> Titles);

    public async Task<Loaded> LoadAsync(
        IReadOnlyList<(long ContentId, ViewReferences References)> bodies, Viewer viewer, bool resolveUsers, bool needTitles, CancellationToken ct)
    {
        var resolutions = new ViewResolutions();
        var targets = bodies.SelectMany(b => b.References.Pages).ToList();
        if (targets.Count > 0)
        {
            var byName = targets.Where(t => t.Id is null).ToList();
            var pages = await store.PagesAsync(
                byName.Select(t => t.SpaceKeyLower).ToHashSet(), byName.Select(t => t.TitleLower).ToHashSet(),
                targets.Where(t => t.Id is not null).Select(t => t.Id!.Value).ToHashSet(), viewer, ct);
            foreach (var page in pages) resolutions.AddPage(Resolved(page));
        }

        var owned = bodies.Where(b => b.ContentId != 0).ToList();
        var containers = owned.Where(b => b.References.Attachments.Any(a => a.Owner is null)).Select(b => b.ContentId)
            .Concat(bodies.SelectMany(b => b.References.Attachments).Select(a => a.Owner is null ? null : resolutions.Page(a.Owner)?.Id).OfType<long>())
            .ToHashSet();
        var names = bodies.SelectMany(b => b.References.Attachments).Select(a => a.FileNameLower).ToHashSet(StringComparer.Ordinal);
        if (containers.Count > 0 && names.Count > 0)
            foreach (var file in await store.AttachmentsAsync(containers, names, viewer, ct))
                resolutions.Attachments[(file.ContainerId, file.Title.ToLowerInvariant())] =
                    new ResolvedAttachment(file.Id, file.ContainerId, file.Title, file.Version, file.UpdatedAt, file.MediaType);

        var parents = bodies.SelectMany(b => b.References.ChildrenOf.Select(t => resolutions.OwnerId(t, b.ContentId))).OfType<long>().ToHashSet();
        if (parents.Count > 0)
            foreach (var child in await store.ChildrenAsync(parents, viewer, ct))
            {
                if (!resolutions.Children.TryGetValue(child.ParentId!.Value, out var list)) resolutions.Children[child.ParentId.Value] = list = [];
                list.Add(Resolved(child));
            }

        var accounts = resolveUsers ? bodies.SelectMany(b => b.References.Users).ToHashSet(StringComparer.Ordinal) : [];
        if (accounts.Count > 0)
            foreach (var user in await users.FindManyByAccountIdsAsync(accounts, ct))
                resolutions.Users[user.AccountId] = new ResolvedUser(user.AccountId, user.DisplayName);

        var spaceKeys = bodies.SelectMany(b => b.References.SpacesLower).ToHashSet(StringComparer.Ordinal);
        if (spaceKeys.Count > 0)
            foreach (var space in await store.SpacesAsync(spaceKeys, viewer, ct))
                resolutions.SpacesByKeyLower[space.Key.ToLowerInvariant()] = new ResolvedSpace(space.Key, space.Name);

        var titles = needTitles && owned.Count > 0
            ? (await store.TitlesAsync(owned.Select(b => b.ContentId).ToHashSet(), ct)).ToDictionary(t => t.Id, t => t.Title)
            : new Dictionary<long, string>();
        return new Loaded(resolutions, titles);
    }

    /// <summary>
    /// Everything the rendering of one body read from <paramref name="resolutions"/>, as text: equal
    /// fingerprints (with equal storage) render equal HTML, so it keys the cache.
    /// </summary>
    public static string Fingerprint(ViewReferences references, ViewResolutions resolutions, long contentId)
    {
        var text = new StringBuilder();
        foreach (var target in references.Pages) text.Append('p').Append(Describe(resolutions.Page(target))).Append(';');
        foreach (var file in references.Attachments)
            text.Append('a').Append(resolutions.Attachment(file, contentId) is { } a
                ? $"{a.Id},{a.ContainerId},{a.Version},{a.UpdatedAt},{a.MediaType},{a.FileName}" : "-").Append(';');
        foreach (var account in references.Users) text.Append('u').Append(resolutions.Users.GetValueOrDefault(account)?.DisplayName ?? "\0").Append(';');
        foreach (var key in references.SpacesLower) text.Append('s').Append(resolutions.SpacesByKeyLower.GetValueOrDefault(key)?.Name ?? "\0").Append(';');
        foreach (var parent in references.ChildrenOf)
        {
            text.Append('c');
            foreach (var child in resolutions.ChildrenOf(parent, contentId)) text.Append(Describe(child)).Append(',');
            text.Append(';');
        }
        return text.ToString();
    }

    private static string Describe(ResolvedPage? page) =>
        page is null ? "-" : $"{page.Id}/{page.Type}/{page.Version}/{page.SpaceKey}/{page.PostingDay}/{page.Title.Length}:{page.Title}";

    private static ResolvedPage Resolved(LinkedPageRecord page) =>
        new(page.Id, page.Type, page.SpaceKey, page.Title, page.Version, page.PostingDay);
}
