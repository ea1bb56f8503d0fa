using Quire.Core.Groups;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.Api.Space;
using Quire.Server.Http;
using Quire.Storage.Groups;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.Api.Users;

/// <summary>Renders a batch of users with their expansions, loading what they need in one query each.</summary>
public sealed class UserExpansions(UserRenderer renderer, GroupStore groups, SpaceStore spaces, SpaceRenderer spaceRenderer)
{
    public async Task<IReadOnlyList<UserJson>> RenderAsync(
        IReadOnlyList<UserRecord> users, Caller viewer, Expansion expand, bool topLevel, CancellationToken ct)
    {
        IReadOnlySet<long> admins = new HashSet<long>();
        if (expand.Has("operations") && users.Count > 0)
            admins = (await groups.MembersAmongAsync(DefaultGroups.Administrators, users.Select(u => u.Id).ToList(), ct)).ToHashSet();

        // Personal spaces of the whole batch in one query, only those the viewer may read.
        var personalSpaces = expand.Has("personalSpace") && users.Count > 0
            ? (await spaces.PersonalSpacesOfAsync(users.Select(u => u.Id).ToList(), SpaceAccess.ViewerOf(viewer), ct))
                .GroupBy(s => s.CreatedBy!.Value).ToDictionary(g => g.Key, g => g.First())
            : [];

        return users.Select(user => renderer.Render(user, viewer, expand, topLevel,
            new UserExtras(OperationsOf(admins.Contains(user.Id)),
                PersonalSpace: personalSpaces.TryGetValue(user.Id, out var space)
                    ? spaceRenderer.Render(space, viewer, Expansion.None, topLevel: false) : null))).ToList();
    }

    /// <summary>What a user may do site-wide: every user uses Confluence and creates spaces; admins administer.</summary>
    private static IReadOnlyList<OperationJson> OperationsOf(bool isAdmin) => isAdmin
        ? [new("administer", "application"), new("create_space", "application"), new("use", "application")]
        : [new("create_space", "application"), new("use", "application")];
}
