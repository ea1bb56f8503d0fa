using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Groups;
using Quire.Storage.Permissions;
using Quire.Storage.Users;

namespace Quire.Core.Permissions;

/// <summary>Who a global grant names, as a client gives it: a group (id or name), a user, or anonymous.</summary>
public sealed record GlobalSubjectInput(string Type, string? Identifier)
{
    public static GlobalSubjectInput Group(string? idOrName) => new("group", idOrName);
    public static GlobalSubjectInput User(string? accountIdOrLogin) => new("user", accountIdOrLogin);
    public static readonly GlobalSubjectInput Anonymous = new("anonymous", null);
}

/// <summary>One global grant after a change: what it is and who holds it.</summary>
public sealed record GlobalGrantResult(string Permission, GlobalPermissionRecord Subject, bool Changed);

/// <summary>
/// Reads, grants and revokes global permissions, and answers the checks that depend on them.
/// Who may change them (site admins, or whoever runs the command line on the database) is
/// decided by the caller of these methods.
/// </summary>
public sealed class GlobalPermissionService(
    DbSession db, GlobalPermissionStore store, GlobalPermissionCache cache, Deferred<UserStore> users, Deferred<GroupStore> groups, Deferred<AuditLog> audit)
{
    /// <summary>The grants for per-request checks, from the cache when fresh (see <see cref="GlobalPermissionCache"/>).</summary>
    public async Task<GlobalGrants> CurrentAsync(CancellationToken ct = default)
    {
        if (cache.TryGet(out var generation) is { } cached) return cached;
        var loaded = new GlobalGrants(await store.ListAsync(ct));
        cache.Store(loaded, generation);
        return loaded;
    }

    /// <summary>Whether the site allows anonymous use, read from the database (for writes that depend on it).</summary>
    public async Task<bool> AnonymousUseAsync(CancellationToken ct = default) =>
        new GlobalGrants(await store.ListAsync(ct)).AnonymousUse;

    public Task<IReadOnlyList<GlobalPermissionRecord>> ListAsync(CancellationToken ct = default) => store.ListAsync(ct);

    /// <summary>
    /// Whether the caller may create spaces: site admins may; others need create_space directly or
    /// through a group. Asks the database, not the cache, so a revoked grant is exact on every node.
    /// </summary>
    public async Task RequireCreateSpaceAsync(Caller caller, CancellationToken ct = default)
    {
        if (caller.IsAnonymous) throw new NotAuthenticatedException("Anonymous users cannot create spaces: sign in first.");
        if (caller.IsSiteAdmin) return;
        if (!await store.UserHoldsAsync(GlobalPermission.CreateSpace, caller.UserId, ct))
            throw new ForbiddenException("You do not have the 'Create Space(s)' global permission (create_space); a site administrator can grant it.");
    }

    /// <summary>Grants a global permission; <paramref name="actor"/> is who asked (null for the command line), for the audit log.</summary>
    public Task<GlobalGrantResult> GrantAsync(string? permission, GlobalSubjectInput subject, Caller? actor, CancellationToken ct = default) =>
        ChangeAsync(permission, subject, grant: true, actor, ct);

    public Task<GlobalGrantResult> RevokeAsync(string? permission, GlobalSubjectInput subject, Caller? actor, CancellationToken ct = default) =>
        ChangeAsync(permission, subject, grant: false, actor, ct);

    private async Task<GlobalGrantResult> ChangeAsync(string? permission, GlobalSubjectInput subject, bool grant, Caller? actor, CancellationToken ct)
    {
        var name = Known(permission);
        var resolved = await ResolveAsync(subject, grant, ct);
        if (resolved.Anonymous && name != GlobalPermission.Use)
            throw new BadRequestException($"Only '{GlobalPermission.Use}' can be granted to anonymous users (it turns anonymous access on); Quire does not let anonymous users {name.Replace('_', ' ')}.");
        var changed = await db.InTransactionAsync(async () =>
        {
            var done = grant
                ? await store.TryGrantAsync(name, resolved.UserId, resolved.GroupId, resolved.Anonymous, ct)
                : await store.RevokeAsync(name, resolved.UserId, resolved.GroupId, resolved.Anonymous, ct);
            if (done) await store.AnnounceChangeAsync(ct);
            if (done)
                await audit.Value.RecordAsync(actor, new AuditEvent(grant ? "Global permission added" : "Global permission removed",
                    AuditCategories.Permissions, new AuditObject(Describe(resolved), resolved.GroupName is null ? "User" : "Group"),
                    Changes: [new AuditChange("Global permission", grant ? "" : name, grant ? name : "")]), ct);
            return done;
        }, ct);
        if (!grant && !changed)
            throw new NotFoundException($"{Describe(resolved)} does not hold the global permission '{name}'.");
        // This process sees the change at once; other nodes on PostgreSQL when the announcement reaches them.
        cache.Invalidate();
        return new GlobalGrantResult(name, resolved, changed);
    }

    private static string Known(string? permission)
    {
        var name = permission?.Trim().ToLowerInvariant();
        if (name is null || !GlobalPermission.All.Contains(name))
            throw new BadRequestException($"'{permission}' is not a global permission. Valid are: {string.Join(", ", GlobalPermission.All)}.");
        return name;
    }

    /// <param name="granting">A removed user may lose a grant but not receive one.</param>
    private async Task<GlobalPermissionRecord> ResolveAsync(GlobalSubjectInput subject, bool granting, CancellationToken ct)
    {
        var identifier = subject.Identifier?.Trim();
        switch (subject.Type)
        {
            case "anonymous":
                return new GlobalPermissionRecord { Permission = "", Anonymous = true };
            case "group":
                if (string.IsNullOrEmpty(identifier)) throw new BadRequestException("A group id or name is required.");
                var group = await groups.Value.FindByIdAsync(identifier, ct) ?? await groups.Value.FindByNameAsync(identifier, ct)
                            ?? throw new NotFoundException($"No group with id or name '{identifier}' was found.");
                return new GlobalPermissionRecord { Permission = "", GroupId = group.Id, GroupName = group.Name };
            case "user":
                if (string.IsNullOrEmpty(identifier)) throw new BadRequestException("A user's accountId is required.");
                // An account id, or (for the command line) an e-mail address or user name.
                var user = await users.Value.FindByAccountIdAsync(identifier, ct) ?? await users.Value.FindByLoginAsync(identifier, ct)
                           ?? throw new NotFoundException($"No user with accountId '{identifier}' was found.");
                if (granting && user.IsRemoved)
                    throw new BadRequestException($"User {user.AccountId} was removed from the site, so it cannot be granted global permissions.");
                return new GlobalPermissionRecord
                {
                    Permission = "", UserId = user.Id, AccountId = user.AccountId, Email = user.Email, DisplayName = user.DisplayName,
                };
            default:
                throw new BadRequestException($"A global permission is granted to a group, a user or anonymous, not '{subject.Type}'.");
        }
    }

    private static string Describe(GlobalPermissionRecord subject) =>
        subject.Anonymous ? "Anonymous" : subject.GroupName is { } g ? $"Group '{g}'" : $"User '{subject.AccountId}'";
}
