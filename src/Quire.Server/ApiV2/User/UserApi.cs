using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Users;
using Quire.Server.Api.Users;
using Quire.Server.ApiV2.Common;
using Quire.Server.Authentication;
using Quire.Storage.Spaces;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.User;

/// <summary>
/// The v2 <c>User</c> group: users by account id in bulk, and site access by e-mail (check and
/// invite, see <see cref="UserAccessService"/>). Signed-in callers only, as v1's user reads.
/// </summary>
public static class UserApi
{
    public const int BulkMax = 250;

    public sealed record BulkUserLookupRequest(IReadOnlyList<string?>? AccountIds);

    public sealed record EmailsRequest(IReadOnlyList<string?>? Emails);

    public sealed record EmailAccessJson(IReadOnlyList<string> EmailsWithoutAccess, IReadOnlyList<string> InvalidEmails);

    public static RouteGroupBuilder MapUserApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/users-bulk", CreateBulkUserLookup).RequireSignIn();
        v2.MapPost("/user/access/check-access-by-email", CheckAccessByEmail).RequireSignIn();
        v2.MapPost("/user/access/invite-by-email", InviteByEmail).RequireSignIn();
        return v2;
    }

    /// <summary>The users found, in the order asked; account ids nobody has are left out, as Cloud does.</summary>
    private static async Task<MultiEntityResult<UserV2Json>> CreateBulkUserLookup(
        BulkUserLookupRequest? body, Caller caller, UserStore users, SpaceStore spaces, V2Links links, CancellationToken ct)
    {
        var wanted = body?.AccountIds?.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).Distinct().ToList();
        if (wanted is null || wanted.Count == 0) throw new BadRequestException("accountIds must list at least one account id.");
        if (wanted.Count > BulkMax) throw new BadRequestException($"accountIds may list at most {BulkMax} account ids.");
        var found = (await users.FindManyByAccountIdsAsync(wanted, ct)).ToDictionary(u => u.AccountId);
        var ordered = wanted.Where(found.ContainsKey).Select(a => found[a]).ToList();
        var personal = (await spaces.PersonalSpacesOfAsync(ordered.Select(u => u.Id).ToList(), Core.Spaces.SpaceAccess.ViewerOf(caller), ct))
            .Where(s => s.CreatedBy is not null).GroupBy(s => s.CreatedBy!.Value).ToDictionary(g => g.Key, g => g.First().Id);
        return links.Page(ordered.Select(u => UserV2Json.Of(u, caller, personal.TryGetValue(u.Id, out var space) ? space : null)).ToList(), "id", null);
    }

    private static async Task<EmailAccessJson> CheckAccessByEmail(EmailsRequest? body, UserAccessService access, CancellationToken ct)
    {
        var found = await access.CheckAsync(body?.Emails, ct);
        return new EmailAccessJson(found.WithoutAccess, found.Invalid);
    }

    /// <summary>Creates the users at once (Quire sends no mail): site admins only; the spec answers 200 with no body.</summary>
    private static async Task<IResult> InviteByEmail(EmailsRequest? body, Caller caller, UserAccessService access, CancellationToken ct)
    {
        await access.InviteAsync(caller, body?.Emails, ct);
        return TypedResults.Ok();
    }
}

/// <summary>
/// v2's <c>User</c>. E-mail follows v1's rule (the user itself and site admins see it, others
/// an empty string); every Quire user is an active Atlassian-type account, none external.
/// </summary>
public sealed record UserV2Json(
    string AccountId, string AccountType, string AccountStatus, string DisplayName, string PublicName, string Email, string TimeZone,
    string? PersonalSpaceId, bool IsExternalCollaborator, UserIconJson ProfilePicture)
{
    public static UserV2Json Of(UserRecord user, Caller viewer, long? personalSpaceId) => new(
        user.AccountId, user.AccountType, user.RemovedAt is null ? "active" : "inactive", user.DisplayName, user.DisplayName,
        viewer.UserId == user.Id || viewer.IsSiteAdmin ? user.Email : "", user.TimeZone,
        personalSpaceId is { } id ? V2Links.Id(id) : null, false,
        new UserIconJson(IconJson.DefaultAvatar.Path, IconJson.DefaultAvatar.IsDefault));
}

public sealed record UserIconJson(string Path, bool IsDefault);
