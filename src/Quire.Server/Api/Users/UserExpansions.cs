using Quire.Core.Groups;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Api.Space;
using Quire.Server.Http;
using Quire.Storage.Groups;
using Quire.Storage.Permissions;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.Users;

/// <summary>Renders a batch of users with their expansions, loading what they need in one query each.</summary>
public sealed class UserExpansions(
    UserRenderer renderer, GroupStore groups, SpaceStore spaces, SpaceRenderer spaceRenderer,
    GlobalPermissionStore globalPermissions, GlobalPermissionService globalPermissionService)
{
    public async Task<IReadOnlyList<UserJson>> RenderAsync(
        IReadOnlyList<UserRecord> users, Caller viewer, Expansion expand, bool topLevel, CancellationToken ct)
    {
        // Global permissions of the whole batch: admins in one query, grants (direct or through groups) in another.
        IReadOnlySet<long> admins = new HashSet<long>();
        ILookup<long, string> granted = Array.Empty<UserGlobalPermission>().ToLookup(p => p.UserId, p => p.Permission);
        if (expand.Has("operations") && users.Count > 0)
        {
            var ids = users.Select(u => u.Id).ToList();
            admins = (await groups.MembersAmongAsync(DefaultGroups.Administrators, ids, ct)).ToHashSet();
            granted = (await globalPermissions.HeldByUsersAsync(ids, ct)).ToLookup(p => p.UserId, p => p.Permission);
        }

        // Personal spaces of the whole batch in one query, only those the viewer may read.
        var personalSpaces = expand.Has("personalSpace") && users.Count > 0
            ? (await spaces.PersonalSpacesOfAsync(users.Select(u => u.Id).ToList(), SpaceAccess.ViewerOf(viewer), ct))
                .GroupBy(s => s.CreatedBy!.Value).ToDictionary(g => g.Key, g => g.First())
            : [];

        return users.Select(user => renderer.Render(user, viewer, expand, topLevel,
            new UserExtras(OperationsOf(admins.Contains(user.Id), granted[user.Id]),
                PersonalSpace: personalSpaces.TryGetValue(user.Id, out var space)
                    ? spaceRenderer.Render(space, viewer, Expansion.None, topLevel: false) : null))).ToList();
    }

    /// <summary>The anonymous user, with <c>use</c> among its operations while the site allows anonymous use.</summary>
    public async Task<UserJson> RenderAnonymousAsync(Expansion expand, CancellationToken ct) =>
        renderer.RenderAnonymous(expand, expand.Has("operations") && (await globalPermissionService.CurrentAsync(ct)).AnonymousUse
            ? [new OperationJson(GlobalPermission.Use, "application")]
            : []);

    /// <summary>
    /// What a user may do site-wide, from the global grants: site admins administer and hold
    /// everything; others what is granted to them or their groups.
    /// </summary>
    private static IReadOnlyList<OperationJson> OperationsOf(bool isAdmin, IEnumerable<string> granted)
    {
        var held = isAdmin ? GlobalPermission.All.ToHashSet() : granted.ToHashSet();
        var operations = new List<OperationJson>();
        if (isAdmin) operations.Add(new("administer", "application"));
        if (held.Contains(GlobalPermission.CreateSpace)) operations.Add(new(GlobalPermission.CreateSpace, "application"));
        if (held.Contains(GlobalPermission.Use)) operations.Add(new(GlobalPermission.Use, "application"));
        return operations;
    }
}
