using Quire.Core.Errors;
using Quire.Core.Permissions;
using Quire.Storage.Groups;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.Spaces;

/// <summary>One requested space permission: an operation granted to users (by account id), groups (by name) and perhaps anonymous.</summary>
public sealed record SpaceGrantRequest(
    string? Operation, string? TargetType, IReadOnlyList<string?> AccountIds, IReadOnlyList<string?> GroupNames, bool AnonymousAccess);

/// <summary>The grants of one user, one group or anonymous, ready to store.</summary>
public sealed record SpaceGrant(SpaceSubject Subject, IReadOnlyList<SpaceOperation> Operations);

/// <summary>
/// Turns requested space permissions into grants: every operation must be one a space has,
/// every user and group must exist (looked up in one query each) and no user be removed from the site, or the whole request is refused.
/// </summary>
public sealed class SpaceGrants(UserStore users, GroupStore groups, GlobalPermissionService globalPermissions)
{
    public const int MaxEntries = 200;

    public async Task<IReadOnlyList<SpaceGrant>> ResolveAsync(IReadOnlyList<SpaceGrantRequest> requests, CancellationToken ct = default)
    {
        if (requests.Count > MaxEntries) throw new BadRequestException($"At most {MaxEntries} permissions may be given at once.");
        var entries = requests.Select(Validate).ToList();
        if (entries.Any(e => e.Request.AnonymousAccess))
            await SpacePermissionService.RequireAnonymousUseAsync(globalPermissions, ct);

        var accountIds = entries.SelectMany(e => e.Request.AccountIds).Select(a => a!).Distinct(StringComparer.Ordinal).ToList();
        var groupNames = entries.SelectMany(e => e.Request.GroupNames).Select(g => g!.ToLowerInvariant()).Distinct().ToList();
        var foundUsers = (await users.FindManyByAccountIdsAsync(accountIds, ct)).ToDictionary(u => u.AccountId, StringComparer.Ordinal);
        var foundGroups = (await groups.FindManyByNamesAsync(groupNames, ct)).ToDictionary(g => g.Name.ToLowerInvariant());
        if (accountIds.FirstOrDefault(a => !foundUsers.ContainsKey(a)) is { } missingUser)
            throw new BadRequestException($"No user with accountId '{missingUser}' was found.");
        // A removed user cannot sign in; a grant would only wait for a way back in.
        if (foundUsers.Values.FirstOrDefault(u => u.IsRemoved) is { } removed)
            throw new BadRequestException($"User {removed.AccountId} was removed from the site, so it cannot be granted space permissions.");
        if (groupNames.FirstOrDefault(g => !foundGroups.ContainsKey(g)) is { } missingGroup)
            throw new BadRequestException($"No group with name '{missingGroup}' was found.");

        var byUser = entries.SelectMany(e => e.Request.AccountIds.Select(a => (Id: foundUsers[a!].Id, e.Operation)))
            .GroupBy(x => x.Id).Select(g => new SpaceGrant(SpaceSubject.User(g.Key), g.Select(x => x.Operation).Distinct().ToList()));
        var byGroup = entries.SelectMany(e => e.Request.GroupNames.Select(n => (Id: foundGroups[n!.ToLowerInvariant()].Id, e.Operation)))
            .GroupBy(x => x.Id).Select(g => new SpaceGrant(SpaceSubject.Group(g.Key), g.Select(x => x.Operation).Distinct().ToList()));
        var anonymous = entries.Where(e => e.Request.AnonymousAccess).Select(e => e.Operation).Distinct().ToList();
        return byUser.Concat(byGroup)
            .Concat(anonymous.Count > 0 ? [new SpaceGrant(SpaceSubject.AnonymousUser, anonymous)] : [])
            .ToList();
    }

    private static (SpaceGrantRequest Request, SpaceOperation Operation) Validate(SpaceGrantRequest request)
    {
        var operation = new SpaceOperation(request.Operation?.Trim().ToLowerInvariant() ?? "", request.TargetType?.Trim().ToLowerInvariant() ?? "");
        if (!SpacePermissionService.Known.Contains(operation))
            throw new BadRequestException(
                $"'{request.Operation}' on '{request.TargetType}' is not a space permission. Valid are: " +
                string.Join(", ", SpacePermissionService.Known.Select(o => $"{o.Operation} {o.TargetType}")) + ".");
        if (request.AnonymousAccess && operation != SpaceOperation.Read)
            throw new BadRequestException(SpacePermissionService.AnonymousOnlyReads);
        if (request.AccountIds.Count + request.GroupNames.Count == 0 && !request.AnonymousAccess)
            throw new BadRequestException(
                $"The permission '{operation.Operation} {operation.TargetType}' names no user or group in 'subjects' and does not give anonymousAccess.");
        if (request.AccountIds.Any(string.IsNullOrWhiteSpace))
            throw new BadRequestException("Every user in 'subjects' needs an accountId.");
        if (request.GroupNames.Any(string.IsNullOrWhiteSpace))
            throw new BadRequestException("Every group in 'subjects' needs a name.");
        return (request, operation);
    }
}
