using Quire.Core.Errors;
using Quire.Core.Permissions;
using Quire.Core.Spaces;
using Quire.Storage.Groups;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Core.Roles;

/// <summary>A principal as v2's role calls name it: <c>USER</c> by account id, <c>GROUP</c> by id, <c>ACCESS_CLASS</c> by class.</summary>
public sealed record PrincipalInput(string? PrincipalType, string? PrincipalId);

/// <summary>
/// Turns v2 principals into the subjects space permissions are granted to. Of the access classes Quire has only
/// <c>anonymous-users</c> (its grants to anonymous); the others name kinds of account (product admins, JSM project
/// admins, licensed users) Quire does not keep apart, so they are refused rather than guessed.
/// </summary>
public sealed class SpaceRolePrincipals(UserStore users, GroupStore groups, GlobalPermissionService globalPermissions)
{
    public const string User = "USER";
    public const string Group = "GROUP";
    public const string AccessClass = "ACCESS_CLASS";
    public const string AnonymousUsers = "anonymous-users";

    /// <summary>The filter pair of a listing: both or neither (the spec says a principal-id needs a principal-type); 400 otherwise.</summary>
    public async Task<SpaceSubject?> FilterAsync(string? principalType, string? principalId, CancellationToken ct = default)
    {
        if (principalType is null && principalId is null) return null;
        if (principalType is null || principalId is null)
            throw new BadRequestException("principal-id and principal-type are given together or not at all.");
        // A filter naming nobody known matches nothing; it is not an error, as a search is not.
        return await TryResolveAsync(new PrincipalInput(principalType, principalId), assigning: false, ct)
               ?? new SpaceSubject(-1, null, false);
    }

    /// <summary>The subject a principal names, to be given a role; 400 when the type is unknown, nobody has the id, or the user was removed.</summary>
    public async Task<SpaceSubject> ResolveAsync(PrincipalInput? principal, CancellationToken ct = default)
    {
        if (principal is null) throw new BadRequestException("principal is required.");
        return await TryResolveAsync(principal, assigning: true, ct)
               ?? throw new BadRequestException($"No {principal.PrincipalType?.ToLowerInvariant()} with id '{principal.PrincipalId}' was found.");
    }

    /// <param name="assigning">
    /// The subject is to be given a role: anonymous needs the site's anonymous use, and a removed user is refused (it cannot
    /// sign in, and a role would wait for a way back in). A listing's filter still finds what a removed user holds.
    /// </param>
    private async Task<SpaceSubject?> TryResolveAsync(PrincipalInput principal, bool assigning, CancellationToken ct)
    {
        var id = principal.PrincipalId?.Trim();
        if (string.IsNullOrEmpty(id)) throw new BadRequestException("principal.principalId is required.");
        switch (principal.PrincipalType)
        {
            case User:
                var user = await users.FindByAccountIdAsync(id, ct);
                if (user is { IsRemoved: true } && assigning)
                    throw new BadRequestException($"User {user.AccountId} was removed from the site, so it cannot be given a role.");
                return user is null ? null : SpaceSubject.User(user.Id);
            case Group:
                var group = await groups.FindByIdAsync(id, ct) ?? await groups.FindByNameAsync(id, ct);
                return group is null ? null : SpaceSubject.Group(group.Id);
            case AccessClass when id == AnonymousUsers:
                if (assigning) await SpacePermissionService.RequireAnonymousUseAsync(globalPermissions, ct);
                return SpaceSubject.AnonymousUser;
            case AccessClass:
                throw new BadRequestException($"Quire has the access class {AnonymousUsers} only, not '{id}'.");
            default:
                throw new BadRequestException($"principalType must be USER, GROUP or ACCESS_CLASS, not '{principal.PrincipalType}'.");
        }
    }
}
