using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Storage.Content;
using Quire.Storage.Groups;
using Quire.Storage.Restrictions;
using Quire.Storage.Users;

namespace Quire.Server.Api.ContentRestrictions;

/// <summary>Loads the restriction sets of a page of content: the rows, then their users and their groups, one query each.</summary>
public sealed class RestrictionSetLoader(ContentRestrictionStore restrictions, UserStore users, GroupStore groups)
{
    public async Task<IReadOnlyDictionary<long, RestrictionSet>> LoadAsync(IReadOnlyCollection<long> contentIds, CancellationToken ct)
    {
        var rows = await restrictions.ForContentAsync(contentIds, ct);
        var userRows = (await users.FindManyByIdsAsync(rows.Select(r => r.UserId).OfType<long>().Distinct().ToList(), ct)).ToDictionary(u => u.Id);
        var groupRows = (await groups.FindManyByIdsAsync(rows.Select(r => r.GroupId).OfType<string>().Distinct().ToList(), ct)).ToDictionary(g => g.Id);
        var byContent = rows.ToLookup(r => r.ContentId);
        return contentIds.Distinct().ToDictionary(id => id, id => new RestrictionSet(id, byContent[id].ToList(), userRows, groupRows));
    }

    public async Task<RestrictionSet> LoadAsync(long contentId, CancellationToken ct) => (await LoadAsync([contentId], ct))[contentId];

    /// <summary>
    /// Of the given content, those whose governing update restriction (see <c>ContentAccess.UpdateRestrictedBy</c>)
    /// leaves the viewer out, from one query over the governing pages.
    /// </summary>
    public async Task<IReadOnlySet<long>> UpdateRefusedAsync(IReadOnlyCollection<ContentRecord> items, Caller viewer, CancellationToken ct)
    {
        var governedBy = items.Select(i => (i.Id, By: ContentAccess.UpdateRestrictedBy(i))).Where(x => x.By is not null).ToList();
        var rows = (await restrictions.ForContentAsync(governedBy.Select(x => x.By!.Value).Distinct().ToList(), ct))
            .Where(r => r.Operation == "update").ToLookup(r => r.ContentId);
        bool Passes(long governing) =>
            !rows[governing].Any() || rows[governing].Any(r => r.UserId == viewer.UserId || (r.GroupId is not null && viewer.GroupIds.Contains(r.GroupId)));
        return governedBy.Where(x => !Passes(x.By!.Value)).Select(x => x.Id).ToHashSet();
    }
}
