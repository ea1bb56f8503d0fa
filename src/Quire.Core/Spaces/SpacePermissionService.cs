using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Groups;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.Spaces;

/// <summary>A permission's subject as the client names it: a user by account id (or <c>anonymous</c>), a group by id or name.</summary>
public sealed record PermissionSubjectInput(string? Type, string? Identifier);

/// <summary>One custom-content operation to grant (<c>access</c> true) or take away.</summary>
public sealed record CustomContentOperation(string? Key, string? Target, bool? Access);

/// <summary>
/// Adds and removes single space permissions, as a space admin does in Confluence's
/// permission screen: a subject needs read/space before anything else, losing read/space
/// loses everything, and a space always keeps at least one administer grant. Every change that
/// grants or takes away something raises <c>space_permissions_updated</c>. A subject whose permissions change here no
/// longer has exactly its role's: its role assignment is forgotten (Cloud calls what it keeps "custom access").
/// </summary>
public sealed class SpacePermissionService(
    DbSession db, SpaceAccess access, SpacePermissionStore permissions, UserStore users, GroupStore groups,
    GlobalPermissionService globalPermissions, AuditLog audit, SiteWebhooks webhooks, Storage.Roles.SpaceRoleStore roles)
{
    public const int MaxCustomContentTypeLength = 255;

    /// <summary>The operations a space permission may name: the spec's list (SpacePermissionV2).</summary>
    public static readonly IReadOnlySet<SpaceOperation> Known = new HashSet<SpaceOperation>(
        SpacePermissionSet.Creator.Append(new SpaceOperation("delete", "space")));

    public async Task<SpacePermissionRecord> AddAsync(
        Caller caller, string? spaceKey, PermissionSubjectInput subject, string? key, string? target, CancellationToken ct = default)
    {
        var space = await access.AdministrableAsync(caller, spaceKey, ct);
        var operation = new SpaceOperation(key?.Trim().ToLowerInvariant() ?? "", target?.Trim().ToLowerInvariant() ?? "");
        if (!Known.Contains(operation))
            throw new BadRequestException($"'{key}' on '{target}' is not a space permission. Valid are: " +
                                          string.Join(", ", Known.Select(o => $"{o.Operation} {o.TargetType}")) + ".");
        var resolved = await ResolveAsync(subject, ct);
        if (resolved.Anonymous && operation != SpaceOperation.Read)
            throw new BadRequestException(AnonymousOnlyReads);
        return await db.InTransactionAsync(async () =>
        {
            if (operation != SpaceOperation.Read &&
                !await permissions.HoldsAsync(space.Id, resolved, SpaceOperation.Read.Operation, SpaceOperation.Read.TargetType, ct))
                throw new BadRequestException($"The 'read space' permission doesn't exist for the given {subject.Type}; grant it first.");
            var id = await permissions.TryGrantAsync(space.Id, resolved, operation.Operation, operation.TargetType, ct)
                     ?? throw new BadRequestException("Permission already exists for the given user or group.");
            await roles.UnassignAsync(space.Id, resolved, ct);
            await audit.RecordAsync(caller, await PermissionEventAsync("Space permission added", space, resolved, operation, granted: true, ct), ct);
            await webhooks.SpaceAsync(SpaceChange.PermissionsUpdated, space.Id, caller, ct);
            return (await permissions.FindAsync(space.Id, id, ct))!;
        }, ct);
    }

    /// <summary>A space permission change as the audit log shows it: the space, whom it concerns, and the permission.</summary>
    private async Task<AuditEvent> PermissionEventAsync(
        string summary, SpaceRecord space, SpaceSubject subject, SpaceOperation operation, bool granted, CancellationToken ct)
    {
        var who = subject.Anonymous ? new AuditObject("Anonymous", "User")
            : subject.UserId is { } userId ? new AuditObject((await users.FindByIdAsync(userId, ct))?.DisplayName ?? "", "User")
            : new AuditObject(subject.GroupId is { } groupId ? (await groups.FindByIdAsync(groupId, ct))?.Name ?? groupId : "", "Group");
        var permission = $"{operation.Operation} {operation.TargetType}";
        return new AuditEvent(summary, AuditCategories.Permissions, new AuditObject(space.Name, "Space"), [who],
            [new AuditChange("Permission", granted ? "" : permission, granted ? permission : "")]);
    }

    /// <summary>Grants or takes away custom-content operations (read, create, delete) of one content type.</summary>
    public async Task AddCustomContentAsync(
        Caller caller, string? spaceKey, PermissionSubjectInput subject, IReadOnlyList<CustomContentOperation> operations, CancellationToken ct = default)
    {
        var space = await access.AdministrableAsync(caller, spaceKey, ct);
        if (operations.Count == 0) throw new BadRequestException("operations must name at least one operation.");
        foreach (var op in operations)
        {
            if (op.Key is not ("read" or "create" or "delete"))
                throw new BadRequestException($"A custom content operation is read, create or delete, not '{op.Key}'.");
            if (string.IsNullOrWhiteSpace(op.Target) || op.Target.Length > MaxCustomContentTypeLength)
                throw new BadRequestException($"target must name a custom content type (at most {MaxCustomContentTypeLength} characters).");
            if (op.Access is null) throw new BadRequestException("Every operation needs access: true to grant it, false to take it away.");
            // Custom content targets share the table with the built-in ones; never let one pose as those.
            if (op.Target.Trim() is "space" or "page" or "blogpost" or "comment" or "attachment")
                throw new BadRequestException($"'{op.Target}' is not a custom content type.");
        }
        var resolved = await ResolveAsync(subject, ct);
        if (resolved.Anonymous) throw new BadRequestException(AnonymousOnlyReads);
        await db.InTransactionAsync(async () =>
        {
            if (!await permissions.HoldsAsync(space.Id, resolved, SpaceOperation.Read.Operation, SpaceOperation.Read.TargetType, ct))
                throw new BadRequestException($"The 'read space' permission doesn't exist for the given {subject.Type}; grant it first.");
            var changed = false;
            foreach (var op in operations)
            {
                if (op.Access == true) changed |= await permissions.TryGrantAsync(space.Id, resolved, op.Key!, op.Target!.Trim(), ct) is not null;
                else changed |= await permissions.RevokeAsync(space.Id, resolved, op.Key!, op.Target!.Trim(), ct) > 0;
            }
            // Granting what is held and taking away what is not change nothing, and announce nothing.
            if (changed) await roles.UnassignAsync(space.Id, resolved, ct);
            if (changed) await webhooks.SpaceAsync(SpaceChange.PermissionsUpdated, space.Id, caller, ct);
        }, ct);
    }

    /// <summary>Removes a permission; removing read/space removes all of that subject's permissions on the space.</summary>
    public async Task RemoveAsync(Caller caller, string? spaceKey, long id, CancellationToken ct = default)
    {
        var space = await access.AdministrableAsync(caller, spaceKey, ct);
        await db.InTransactionAsync(async () =>
        {
            var grant = await permissions.FindAsync(space.Id, id, ct)
                        ?? throw new NotFoundException($"There is no permission with id {id} in space '{space.Key}'.");
            var subject = new SpaceSubject(grant.UserId, grant.GroupId, grant.Anonymous);
            var removed = grant.Operation == SpaceOperation.Read.Operation && grant.TargetType == SpaceOperation.Read.TargetType
                ? await permissions.DeleteAllOfSubjectAsync(space.Id, subject, ct)
                : await permissions.DeleteAsync(grant.Id, ct);
            // A concurrent request removed it between the read and the delete (PostgreSQL reads what committed):
            // this one changed nothing, so it records and announces nothing.
            if (removed == 0) throw new NotFoundException($"There is no permission with id {id} in space '{space.Key}'.");
            await roles.UnassignAsync(space.Id, subject, ct);
            await audit.RecordAsync(caller, await PermissionEventAsync(
                "Space permission removed", space, subject, new SpaceOperation(grant.Operation, grant.TargetType), granted: false, ct), ct);
            if (await permissions.CountAdministratorGrantsAsync(space.Id, ct) == 0)
                throw new BadRequestException("All of the admin permissions cannot be removed from a space.");
            await webhooks.SpaceAsync(SpaceChange.PermissionsUpdated, space.Id, caller, ct);
        }, ct);
    }

    /// <summary>Quire lets anonymous users read a space, nothing more (Confluence also allows anonymous writes).</summary>
    public const string AnonymousOnlyReads =
        "Anonymous users can only be granted 'read space' (read/space) in Quire; they cannot be given anything else.";

    private async Task<SpaceSubject> ResolveAsync(PermissionSubjectInput subject, CancellationToken ct)
    {
        var identifier = subject.Identifier?.Trim();
        if (string.IsNullOrEmpty(identifier)) throw new BadRequestException("subject.identifier is required.");
        switch (subject.Type)
        {
            case "user":
                if (identifier == "anonymous")
                {
                    await RequireAnonymousUseAsync(globalPermissions, ct);
                    return SpaceSubject.AnonymousUser;
                }
                var user = await users.FindByAccountIdAsync(identifier, ct)
                           ?? throw new BadRequestException($"No user found with the given accountId '{identifier}'.");
                // A removed user cannot sign in; a grant would only wait for a way back in.
                if (user.IsRemoved) throw new BadRequestException($"User {user.AccountId} was removed from the site, so it cannot be granted space permissions.");
                return SpaceSubject.User(user.Id);
            case "group":
                var group = await groups.FindByIdAsync(identifier, ct) ?? await groups.FindByNameAsync(identifier, ct)
                            ?? throw new BadRequestException($"No group found with the given group id or name '{identifier}'.");
                return SpaceSubject.Group(group.Id);
            default:
                throw new BadRequestException($"subject.type must be user or group, not '{subject.Type}'.");
        }
    }

    /// <summary>Space grants to anonymous need the site's anonymous access (the global 'use' grant to anonymous).</summary>
    internal static async Task RequireAnonymousUseAsync(GlobalPermissionService globalPermissions, CancellationToken ct)
    {
        if (!await globalPermissions.AnonymousUseAsync(ct))
            throw new BadRequestException(
                "Anonymous access cannot be granted: this site does not allow anonymous use (a site administrator grants 'use' to anonymous first).");
    }
}
