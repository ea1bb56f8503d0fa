using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Core.Tasks;
using Quire.Storage;
using Quire.Storage.Roles;
using Quire.Storage.Tasks;

namespace Quire.Core.Roles;

/// <summary>A role as a site admin writes it (create and update); the reassignment roles are update's only.</summary>
public sealed record SpaceRoleInput(
    string? Name, string? Description, IReadOnlyList<string?>? SpacePermissions, string? AnonymousReassignmentRoleId = null);

/// <summary>
/// The roles of the site: everyone who may use it reads them; site admins add, change and remove custom ones.
/// The four system roles (Admin, Manager, Collaborator, Viewer) are fixed, as Cloud's default roles are.
/// </summary>
public sealed class SpaceRoleService(
    DbSession db, SpaceRoleStore roles, SpaceAccess spaces, SpaceRolePrincipals principals, LongTaskService tasks, LongTaskSignal signal)
{
    public const int MaxNameLength = 255;
    public const int MaxDescriptionLength = 1000;

    /// <summary>
    /// Quire keeps both: space permissions granted one by one (v1, and v2's permission listing) and roles. That is
    /// Cloud's transition mode, where roles are on and principals may still hold "custom access".
    /// </summary>
    public const string Mode = "ROLES_TRANSITION";

    /// <summary>
    /// A page of roles by id: of one type, available in a space (every role is, once the caller may view the space),
    /// held by a principal (in that space, or in any space the caller may read: a holding elsewhere is not the caller's to know).
    /// </summary>
    public async Task<KeysetPage<SpaceRoleRecord>> ListAsync(
        Caller caller, long? spaceId, string? roleType, string? principalType, string? principalId, KeysetRequest page, CancellationToken ct = default)
    {
        if (spaceId is { } id) await spaces.ViewableByIdAsync(caller, id, ct);
        var type = RoleType(roleType);
        var subject = await principals.FilterAsync(principalType, principalId, ct);
        var after = page.After?.Id ?? 0;
        var rows = subject is { } held
            ? await roles.ListHeldAfterAsync(held, spaceId, SpaceAccess.ViewerOf(caller), type, after, page.FetchCount, ct)
            : await roles.ListAfterAsync(type, after, page.FetchCount, ct);
        return KeysetPage<SpaceRoleRecord>.FromOverfetch(rows, page, r => new Keyset(null, r.Id));
    }

    /// <summary>SYSTEM or CUSTOM (any case), or null for both; 400 otherwise.</summary>
    public static string? RoleType(string? roleType) => roleType?.ToUpperInvariant() switch
    {
        null or "" => null,
        SpaceRolePermissions.System => SpaceRolePermissions.System,
        SpaceRolePermissions.Custom => SpaceRolePermissions.Custom,
        _ => throw new BadRequestException($"role-type must be SYSTEM or CUSTOM, not '{roleType}'."),
    };

    public async Task<SpaceRoleRecord> GetAsync(string? id, CancellationToken ct = default) =>
        await roles.FindAsync(ParseId(id), ct) ?? throw new NotFoundException($"No space role with id '{id}' was found.");

    public async Task<SpaceRoleRecord> CreateAsync(Caller caller, SpaceRoleInput input, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        var (name, description, permissions) = Validate(input);
        var id = await roles.TryInsertAsync(SpaceRolePermissions.Custom, name, description, permissions, ct)
                 ?? throw new BadRequestException($"A space role named '{name}' already exists.");
        return (await roles.FindAsync(id, ct))!;
    }

    /// <summary>
    /// Changes a custom role. When its permissions change and it is held anywhere, a long task gives every holder
    /// the new set (the answer names it); the role row changes at once. Refused (400, nothing changed): a system
    /// role; taking administer/space from a role someone holds (a space could lose its last admin: assign another
    /// role first); a set anonymous may not hold while anonymous holds it, unless anonymousReassignmentRoleId names
    /// a role for them.
    /// </summary>
    public async Task<(SpaceRoleRecord Role, LongTaskRecord? Task)> UpdateAsync(Caller caller, string? id, SpaceRoleInput input, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        var role = await GetAsync(id, ct);
        if (role.Type == SpaceRolePermissions.System) throw new BadRequestException($"'{role.Name}' is a system role; system roles cannot be changed.");
        var (name, description, permissions) = Validate(input);
        var reassignTo = input.AnonymousReassignmentRoleId is { Length: > 0 } other ? await GetAsync(other, ct) : null;
        if (reassignTo is not null && !SpaceRolePermissions.AnonymousMayHold(reassignTo.Permissions))
            throw new BadRequestException($"anonymousReassignmentRoleId names '{reassignTo.Name}', which anonymous users may not hold: only read/space.");
        return await db.InTransactionAsync(async () =>
        {
            var changed = permissions != role.Permissions;
            if (changed && await roles.IsAssignedAsync(role.Id, ct))
            {
                if (SpaceRolePermissions.Administers(role.Permissions) && !SpaceRolePermissions.Administers(permissions))
                    throw new BadRequestException(
                        $"'{role.Name}' is held and gives administer/space; taking that away could leave a space without an admin. Assign its holders another role first.");
                if (!SpaceRolePermissions.AnonymousMayHold(permissions) && reassignTo is null && await roles.IsAssignedToAnonymousAsync(role.Id, ct))
                    throw new BadRequestException(
                        "Anonymous users hold this role and may hold read/space only; name a role for them in anonymousReassignmentRoleId.");
            }
            if (!await roles.TryUpdateAsync(role.Id, name, description, permissions, ct))
                throw new BadRequestException($"A space role named '{name}' already exists.");
            LongTaskRecord? task = null;
            if (changed && await roles.IsAssignedAsync(role.Id, ct))
            {
                task = await tasks.EnqueueAsync(SpaceRoleUpdateHandler.TaskType, SpaceRoleUpdateHandler.NameKey,
                    new SpaceRoleUpdateHandler.Payload(role.Id, reassignTo?.Id), caller.UserId, ct);
                db.AfterCommit(signal.Notify);
            }
            return ((await roles.FindAsync(role.Id, ct))!, task);
        }, ct);
    }

    /// <summary>
    /// Removes a custom role. Its holders keep the permissions it gave them, as custom access (what Cloud calls access
    /// that no role describes): removing a role locks nobody out of a space. System roles cannot be removed.
    /// </summary>
    public async Task DeleteAsync(Caller caller, string? id, CancellationToken ct = default)
    {
        RequireSiteAdmin(caller);
        var role = await GetAsync(id, ct);
        if (role.Type == SpaceRolePermissions.System) throw new BadRequestException($"'{role.Name}' is a system role; system roles cannot be removed.");
        await db.InTransactionAsync(async () =>
        {
            await roles.UnassignRoleAsync(role.Id, ct);
            await roles.DeleteAsync(role.Id, ct);
        }, ct);
    }

    private static (string Name, string Description, string Permissions) Validate(SpaceRoleInput input)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) throw new BadRequestException("name is required.");
        if (name.Length > MaxNameLength) throw new BadRequestException($"name must be at most {MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw new BadRequestException("name must not contain control characters.");
        var description = input.Description ?? throw new BadRequestException("description is required (it may be empty).");
        if (description.Length > MaxDescriptionLength) throw new BadRequestException($"description must be at most {MaxDescriptionLength} characters.");
        return (name, description, SpaceRolePermissions.Validate(input.SpacePermissions));
    }

    public static long ParseId(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BadRequestException($"'{id}' is not a space role id.");

    private static void RequireSiteAdmin(Caller caller)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only a site administrator may create, change or remove space roles.");
    }
}
