using Quire.Core.Permissions;
using Quire.Storage.Groups;
using Quire.Storage.Spaces;

namespace Quire.Core.Security;

/// <summary>
/// The <see cref="Viewer"/> of a user who is not the caller of the current request: the owner of
/// a background task, whose work must see no more than they could when they asked for it.
/// </summary>
public sealed class Viewers(GroupStore groups, GlobalPermissionService global)
{
    /// <summary>Membership (and the site's anonymous use) is read when the work runs, so a group removed meanwhile no longer counts.</summary>
    public async Task<Viewer> OfUserAsync(long? userId, CancellationToken ct = default)
    {
        var anonymousUse = (await global.CurrentAsync(ct)).AnonymousUse;
        return userId is not { } id
            ? Viewer.Of(Caller.AnonymousUserId, [], anonymousUse)
            : Viewer.Of(id, (await groups.ListForUserAsync(id, 0, int.MaxValue, ct)).Select(g => g.Id), anonymousUse);
    }
}
