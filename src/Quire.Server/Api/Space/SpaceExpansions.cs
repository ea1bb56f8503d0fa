using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Http;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.Space;

/// <summary>
/// Renders a page of spaces with their expansions, loading each expansion for the whole
/// page in one query (never one per space).
/// </summary>
public sealed class SpaceExpansions(
    SpaceRenderer renderer, SpacePermissionStore permissions, SpaceLabelStore labels, SpaceContentStore content, UserStore users)
{
    /// <summary>
    /// Bounds the labels loaded for metadata.labels (this many times the spaces on the page,
    /// in total); the space label call pages through all of them.
    /// </summary>
    private const int LabelsPerSpace = 200;

    public async Task<IReadOnlyList<SpaceJson>> RenderAsync(
        IReadOnlyList<SpaceRecord> spaces, Caller viewer, Expansion expand, bool topLevel, CancellationToken ct)
    {
        if (spaces.Count == 0) return [];
        var ids = spaces.Select(s => s.Id).ToList();
        var viewerOf = SpaceAccess.ViewerOf(viewer);

        var labelRows = expand["metadata"].Has("labels")
            ? await labels.ListForSpacesAsync(ids, viewer.UserId, null, 0, LabelsPerSpace * ids.Count, ct) : [];
        var grantRows = expand.Has("permissions") ? await permissions.ListForSpacesAsync(ids, ct) : [];
        var operationRows = expand.Has("operations") ? await permissions.OperationsForAsync(ids, viewerOf, ct) : [];
        // Always: even unexpanded, a homepage is named (by id) only to who may read it.
        var homepageRows = await content.FindReadableAsync(
            spaces.Where(s => s.HomepageId is not null).Select(s => s.HomepageId!.Value).ToList(), viewerOf, ct);

        var userIds = new HashSet<long>();
        if (expand.Has("history")) userIds.UnionWith(spaces.Where(s => s.CreatedBy is not null).Select(s => s.CreatedBy!.Value));
        userIds.UnionWith(grantRows.Where(g => g.UserId is not null).Select(g => g.UserId!.Value));
        var userRows = await users.FindManyByIdsAsync(userIds, ct);

        var extras = new SpaceExtras
        {
            Labels = labelRows.ToLookup(l => l.SpaceId),
            Permissions = grantRows.ToLookup(p => p.SpaceId),
            Operations = operationRows.ToLookup(o => o.SpaceId),
            Homepages = homepageRows.ToDictionary(h => h.Id),
            Users = userRows.ToDictionary(u => u.Id),
        };
        return spaces.Select(s => renderer.Render(s, viewer, expand, topLevel, extras)).ToList();
    }
}
