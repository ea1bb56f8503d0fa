using Quire.Core.Audit;
using Quire.Core.Errors;
using Quire.Core.Groups;
using Quire.Core.Security;
using Quire.Core.Webhooks;
using Quire.Storage;
using Quire.Storage.Groups;
using Quire.Storage.Users;

namespace Quire.Core.Users;

public sealed record NewUser(string? UserName, string? Email, string? DisplayName, string? Password);

/// <summary>
/// Creates users and finds them; every user joins <see cref="DefaultGroups.Users"/>. Each creation
/// raises <c>user_created</c>, whichever way it came: the admin API, v2's invitation, the command
/// line. A site admin may remove a user from the site (<see cref="RemoveAsync"/>), which raises <c>user_removed</c>.
/// </summary>
public sealed class UserService(
    DbSession db, UserStore users, GroupService groups, CredentialHasher hasher, TimeProvider time, AuditLog audit, SiteWebhooks webhooks,
    SignInSnapshotCache signIns)
{
    /// <summary>Creates the user; <paramref name="actor"/> is who asked (null: the system, as the command line and the bootstrap), for the audit log.</summary>
    /// <paramref name="accountType"/> is <see cref="AccountTypes.App"/> for a Connect app's own user.
    public async Task<UserRecord> CreateAsync(
        NewUser input, bool siteAdmin = false, Caller? actor = null, CancellationToken ct = default, string accountType = AccountTypes.Atlassian)
    {
        var userName = UserInputRules.UserName(input.UserName);
        var email = UserInputRules.Email(input.Email);
        var displayName = UserInputRules.DisplayName(input.DisplayName);
        var password = input.Password is null ? null : UserInputRules.Password(input.Password);
        var passwordHash = password is null ? null : hasher.Hash(password);

        return await db.InTransactionAsync(async () =>
        {
            if (await users.FindByEmailAsync(email, ct) is not null)
                throw new BadRequestException($"A user with email '{email}' already exists.");
            if (await users.FindByUserNameAsync(userName, ct) is not null)
                throw new BadRequestException($"A user with userName '{userName}' already exists.");

            var record = new UserRecord
            {
                AccountId = AccountIds.New(),
                UserName = userName,
                Email = email,
                DisplayName = displayName,
                PasswordHash = passwordHash,
                CreatedAt = time.NowMillis(),
                AccountType = accountType,
            };
            // The checks above give the precise message; a concurrent create of the same user still ends here, as a 400.
            var id = await users.TryInsertAsync(record, ct)
                     ?? throw new BadRequestException($"A user with email '{email}' or userName '{userName}' already exists.");
            await groups.AddToDefaultGroupAsync(id, DefaultGroups.Users, ct);
            if (siteAdmin)
                await groups.AddToDefaultGroupAsync(id, DefaultGroups.Administrators, ct);
            await audit.RecordAsync(actor, new AuditEvent("User created", AuditCategories.UsersAndGroups, new AuditObject(displayName, "User"),
                Changes: [new AuditChange("Site administrator", "", siteAdmin ? "true" : "false")]), ct);
            var created = (await users.FindByIdAsync(id, ct))!;
            await webhooks.UserCreatedAsync(created, actor, ct);
            return created;
        }, ct);
    }

    /// <summary>
    /// Removes a user from the site, as a site admin does in Confluence: it can no longer sign in (no
    /// password, tokens, admin key or groups; every node's cached sign-in is dropped when this commits),
    /// and what it wrote stays attributed to its account. <paramref name="actor"/> is null for the command
    /// line. Nobody removes themselves (a site's last admin could lock everyone out), nor a user twice.
    /// </summary>
    public async Task<UserRecord> RemoveAsync(string? login, Caller? actor, CancellationToken ct = default)
    {
        if (actor is { IsSiteAdmin: false }) throw new ForbiddenException("Only site administrators can remove users.");
        if (string.IsNullOrWhiteSpace(login)) throw new BadRequestException("Name the user to remove by accountId, e-mail or user name.");
        var user = await users.FindByAccountIdAsync(login, ct) ?? await users.FindByLoginAsync(login, ct);
        if (user is null || user.RemovedAt is not null) throw new NotFoundException($"No user '{login}' is a member of this site.");
        if (user.Id == actor?.UserId) throw new BadRequestException("You cannot remove yourself from the site.");
        return await db.InTransactionAsync(async () =>
        {
            if (!await users.RemoveAsync(user.Id, time.NowMillis(), ct)) throw new NotFoundException($"No user '{login}' is a member of this site.");
            await signIns.AnnounceChangeAsync(db, ct);
            await audit.RecordAsync(actor, new AuditEvent("User removed", AuditCategories.UsersAndGroups, new AuditObject(user.DisplayName, "User")), ct);
            await webhooks.UserRemovedAsync(user, actor, ct);
            return user;
        }, ct);
    }

    /// <summary>
    /// <paramref name="preferred"/> if no user has it, else the first free of preferred2,
    /// preferred3, ...: for users named on the server's behalf (the bootstrap admin).
    /// </summary>
    public async Task<string> FreeUserNameAsync(string preferred, CancellationToken ct = default)
    {
        var taken = (await users.UserNamesStartingWithAsync(preferred, ct)).ToHashSet();
        if (!taken.Contains(preferred.ToLowerInvariant())) return preferred;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{preferred}{n}".ToLowerInvariant())) return $"{preferred}{n}";
    }

    public async Task<UserRecord> GetByAccountIdAsync(string? accountId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(accountId))
            throw new BadRequestException("accountId is required.");
        return await users.FindByAccountIdAsync(accountId, ct)
               ?? throw new NotFoundException($"No user with accountId '{accountId}' was found.");
    }

    /// <summary>
    /// Resolves the user a group-membership call names, by whichever of the three lookup
    /// parameters the client sent (Confluence's <c>userLookupKey</c>, <c>userLookupUsername</c>,
    /// <c>userLookupAccountId</c>; key and account id are the same thing here).
    /// </summary>
    public async Task<UserRecord> ResolveLookupAsync(string? key, string? userName, string? accountId, CancellationToken ct = default)
    {
        UserRecord? user = null;
        if (!string.IsNullOrWhiteSpace(accountId)) user = await users.FindByAccountIdAsync(accountId, ct);
        else if (!string.IsNullOrWhiteSpace(key)) user = await users.FindByAccountIdAsync(key, ct);
        else if (!string.IsNullOrWhiteSpace(userName)) user = await users.FindByUserNameAsync(userName, ct);
        else throw new BadRequestException("One of accountId, key or username is required to identify the user.");
        return user ?? throw new NotFoundException("The user named in the request does not exist.");
    }

    public Task<IReadOnlyList<UserRecord>> GetManyAsync(IReadOnlyCollection<string> accountIds, CancellationToken ct = default) =>
        users.FindManyByAccountIdsAsync(accountIds, ct);
}
