using Quire.Core.Errors;
using Quire.Storage.Roles;
using Quire.Storage.Spaces;

namespace Quire.Core.Roles;

/// <summary>
/// What holding a role means: the subject's space permissions become exactly the role's (what it had before goes,
/// as Cloud's role assignment replaces a principal's access), and the assignment records where they came from.
/// Taking the role away takes its permissions with it. Callers run these inside their transaction.
/// </summary>
public sealed class SpaceRoleGrants(SpacePermissionStore permissions, SpaceRoleStore roles)
{
    public async Task AssignAsync(long spaceId, SpaceSubject subject, SpaceRoleRecord role, CancellationToken ct = default)
    {
        await permissions.DeleteAllOfSubjectAsync(spaceId, subject, ct);
        await permissions.GrantAsync(spaceId, subject,
            SpaceRolePermissions.Of(role).Select(o => (o.Operation, o.TargetType)).ToList(), ct);
        await roles.AssignAsync(spaceId, subject, role.Id, ct);
    }

    /// <summary>Removes the subject's role and every space permission it had in the space; false when it held neither.</summary>
    public async Task<bool> RemoveAccessAsync(long spaceId, SpaceSubject subject, CancellationToken ct = default)
    {
        var unassigned = await roles.UnassignAsync(spaceId, subject, ct);
        var revoked = await permissions.DeleteAllOfSubjectAsync(spaceId, subject, ct);
        return unassigned + revoked > 0;
    }

    /// <summary>A space always keeps someone who administers it (as removing a v1 permission checks); 400 rolls the change back.</summary>
    public async Task RequireAdministratorAsync(long spaceId, CancellationToken ct = default)
    {
        if (await permissions.CountAdministratorGrantsAsync(spaceId, ct) == 0)
            throw new BadRequestException("The change would leave the space without anyone who may administer it (administer/space); nothing was changed.");
    }
}
