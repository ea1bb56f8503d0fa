using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Roles;
using Quire.Storage.Spaces;

namespace Quire.Core.Roles;

/// <summary>One entry of a set request: the principal gets the role, or (no role) loses the one it has.</summary>
public sealed record SpaceRoleAssignmentInput(PrincipalInput? Principal, string? RoleId);

/// <summary>An assignment as set: the subject, and its role (null: it has none now).</summary>
public sealed record SpaceRoleAssignmentResult(SpaceSubject Subject, long? RoleId);

/// <summary>
/// Who holds which role in a space. Anyone who may view the space reads the assignments; its admins set them
/// (others get 404, as the spec says). Setting a role grants its permissions in place of what the principal had,
/// so v1's space permission listings and v2's /spaces/{id}/permissions show the role's permissions at once.
/// </summary>
public sealed class SpaceRoleAssignmentService(
    DbSession db, SpaceAccess access, SpaceRoleStore roles, SpaceRoleGrants grants, SpaceRolePrincipals principals,
    AuditLog audit, SiteWebhooks webhooks)
{
    /// <summary>The most entries one set request may hold.</summary>
    public const int MaxEntries = 200;

    public async Task<KeysetPage<SpaceRoleAssignmentRecord>> ListAsync(
        Caller caller, long spaceId, string? roleId, string? roleType, string? principalType, string? principalId,
        KeysetRequest page, CancellationToken ct = default)
    {
        var space = await access.ViewableByIdAsync(caller, spaceId, ct);
        var filter = new SpaceRoleAssignmentFilter(
            string.IsNullOrEmpty(roleId) ? null : SpaceRoleService.ParseId(roleId),
            SpaceRoleService.RoleType(roleType),
            await principals.FilterAsync(principalType, principalId, ct));
        var rows = await roles.ListAssignmentsAfterAsync(space.Id, filter, page.After?.Id ?? 0, page.FetchCount, ct);
        return KeysetPage<SpaceRoleAssignmentRecord>.FromOverfetch(rows, page, a => new Keyset(null, a.Id));
    }

    /// <summary>
    /// Applies every entry or none: all principals and roles are checked first (400), then one transaction writes
    /// them and refuses (400, rolled back) a result with nobody left to administer the space.
    /// </summary>
    public async Task<IReadOnlyList<SpaceRoleAssignmentResult>> SetAsync(
        Caller caller, long spaceId, IReadOnlyList<SpaceRoleAssignmentInput> entries, CancellationToken ct = default)
    {
        var space = await access.ViewableByIdAsync(caller, spaceId, ct);
        await RequireAdministerAsync(caller, space, ct);
        if (entries.Count == 0) throw new BadRequestException("The request must name at least one principal.");
        if (entries.Count > MaxEntries) throw new BadRequestException($"At most {MaxEntries} role assignments may be set at once.");

        var resolved = new List<(SpaceSubject Subject, SpaceRoleRecord? Role)>();
        foreach (var entry in entries)
        {
            var subject = await principals.ResolveAsync(entry.Principal, ct);
            if (resolved.Any(r => r.Subject == subject))
                throw new BadRequestException($"The principal '{entry.Principal!.PrincipalId}' is named more than once.");
            var role = string.IsNullOrEmpty(entry.RoleId) ? null
                : await roles.FindAsync(SpaceRoleService.ParseId(entry.RoleId), ct)
                  ?? throw new BadRequestException($"No space role with id '{entry.RoleId}' was found.");
            if (subject.Anonymous && role is not null && !SpaceRolePermissions.AnonymousMayHold(role.Permissions))
                throw new BadRequestException($"Anonymous users may only read a space in Quire; the role '{role.Name}' gives more.");
            resolved.Add((subject, role));
        }

        await db.InTransactionAsync(async () =>
        {
            // Checked again where the writes are: an admin whose own administer grant is taken away meanwhile (by another set
            // request, a v1 permission removal) is no longer one by the time these commit.
            await RequireAdministerAsync(caller, space, ct);
            var changed = false;
            foreach (var (subject, role) in resolved)
            {
                if (role is not null)
                {
                    await grants.AssignAsync(space.Id, subject, role, ct);
                    changed = true;
                }
                else if (await roles.FindAssignmentAsync(space.Id, subject, ct) is not null)
                {
                    changed |= await grants.RemoveAccessAsync(space.Id, subject, ct);
                }
            }
            await grants.RequireAdministratorAsync(space.Id, ct);
            if (!changed) return;
            await audit.RecordAsync(caller, new AuditEvent("Space roles set", AuditCategories.Permissions, new AuditObject(space.Name, "Space"),
                Changes: resolved.Select(r => new AuditChange("Role", "", r.Role?.Name ?? "(none)")).ToList()), ct);
            await webhooks.SpaceAsync(SpaceChange.PermissionsUpdated, space.Id, caller, ct);
        }, ct);
        return resolved.Select(r => new SpaceRoleAssignmentResult(r.Subject, r.Role?.Id)).ToList();
    }

    /// <summary>Only the space's admins set its roles; anyone else is told there is no such space (the spec's 404).</summary>
    private async Task RequireAdministerAsync(Caller caller, SpaceRecord space, CancellationToken ct)
    {
        if (!await access.CanAsync(caller, space, SpaceOperation.Administer, ct))
            throw new NotFoundException($"No space with id '{space.Id}' was found in which you may set roles.");
    }
}
