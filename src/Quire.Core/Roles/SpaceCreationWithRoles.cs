using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Roles;
using Quire.Storage.Spaces;

namespace Quire.Core.Roles;

/// <summary>
/// v2's <c>createSpace</c> with <c>roleAssignments</c>: the space is created with exactly the roles given, as the spec
/// says: no default grants to the site's users, and the creator keeps access only if a role names them. At least one
/// assignment must be of the Admin role. All in one transaction: a refused role leaves no space behind.
/// </summary>
public sealed class SpaceCreationWithRoles(
    DbSession db, SpaceService spaces, SpaceRoleAssignmentService assignments, SpaceRoleStore roles, SpaceRoleGrants grants)
{
    public async Task<SpaceRecord> CreateAsync(
        Caller caller, NewSpace input, IReadOnlyList<SpaceRoleAssignmentInput> roleAssignments, CancellationToken ct = default)
    {
        var admin = (await roles.ListAllAsync(ct)).Single(r => r.Type == SpaceRolePermissions.System && r.Name == "Admin");
        if (!roleAssignments.Any(r => r.RoleId == admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            throw new BadRequestException($"roleAssignments must give someone the Admin role (id {admin.Id}).");
        return await db.InTransactionAsync(async () =>
        {
            // Private: nothing is granted but the creator's own permissions, which the roles then replace.
            var space = await spaces.CreateAsync(caller, input, isPrivate: true, ct);
            var set = await assignments.SetAsync(caller, space.Id, roleAssignments, ct);
            var creator = SpaceSubject.User(caller.UserId);
            if (!set.Any(s => s.Subject == creator && s.RoleId is not null))
                await grants.RemoveAccessAsync(space.Id, creator, ct);
            await grants.RequireAdministratorAsync(space.Id, ct);
            return space;
        }, ct);
    }
}
