using Quire.Server.Authentication;
using Quire.Core.Errors;
using Quire.Core.Groups;
using Quire.Core.Security;
using Quire.Core.Users;
using Quire.Server.Api.Group;
using Quire.Server.Http;
using Quire.Storage.Users;

namespace Quire.Server.Api.Users;

/// <summary>The <c>Users</c> group: <c>/wiki/rest/api/user/...</c>.</summary>
public static class UsersApi
{
    private static readonly PageLimits MemberOfLimits = new(200, 1000);
    private const int BulkMax = 200;

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/user");
        // The anonymous user sees itself (current, anonymous), never other people.
        users.MapGet("", GetUser).RequireSignIn();
        users.MapGet("/anonymous", GetAnonymousUser).AllowAnonymous();
        users.MapGet("/current", GetCurrentUser);
        users.MapGet("/memberof", GetGroupMembershipsForUser).RequireSignIn();
        users.MapGet("/bulk", GetBulkUserLookup).RequireSignIn();
        users.MapGet("/email", GetPrivacyUnsafeUserEmail).RequireSignIn();
        users.MapGet("/email/bulk", GetPrivacyUnsafeUserEmailBulk).RequireSignIn();
        return api;
    }

    private static async Task<UserJson> GetUser(
        string? accountId, HttpRequest request, Caller caller, UserService userService, UserExpansions expansions, CancellationToken ct)
    {
        var user = await userService.GetByAccountIdAsync(accountId, ct);
        var expand = Expansion.From(request);
        return (await expansions.RenderAsync([user], caller, expand, topLevel: true, ct))[0];
    }

    private static async Task<UserJson> GetAnonymousUser(HttpRequest request, UserExpansions expansions, CancellationToken ct) =>
        await expansions.RenderAnonymousAsync(Expansion.From(request), ct);

    /// <summary>The signed-in user, or, for a request served anonymously, the anonymous user (as Confluence answers).</summary>
    /// <summary>Every client's first call, written by its generated JSON writer (<see cref="GeneratedJsonResult{T}"/>).</summary>
    private static async Task<GeneratedJsonResult<UserJson>> GetCurrentUser(HttpRequest request, Caller caller, UserExpansions expansions, CancellationToken ct)
    {
        var expand = Expansion.From(request);
        if (caller.IsAnonymous) return new(await expansions.RenderAnonymousAsync(expand, ct));
        return new((await expansions.RenderAsync([caller.User], caller, expand, topLevel: true, ct))[0]);
    }

    private static async Task<PagedJson<GroupJson>> GetGroupMembershipsForUser(
        string? accountId, int? start, int? limit, UserService userService, GroupService groups,
        GroupRenderer renderer, ApiLinks links, CancellationToken ct)
    {
        var user = await userService.GetByAccountIdAsync(accountId, ct);
        var page = await groups.GroupsOfUserAsync(user, MemberOfLimits.Parse(start, limit), ct);
        return PagedJson<GroupJson>.From(page, g => renderer.Render(g), links);
    }

    private static async Task<PagedJson<UserJson>> GetBulkUserLookup(
        int? limit, HttpRequest request, Caller caller, UserService userService, UserExpansions expansions,
        ApiLinks links, CancellationToken ct)
    {
        var accountIds = QueryValues.Multi(request, "accountId");
        if (accountIds.Count == 0) throw new BadRequestException("accountId is required.");
        if (limit is < 1 or > BulkMax) throw new BadRequestException($"limit must be between 1 and {BulkMax}.");
        var wanted = accountIds.Take(limit ?? BulkMax).ToList();
        var found = await userService.GetManyAsync(wanted, ct);
        var byAccount = found.ToDictionary(u => u.AccountId);
        var ordered = wanted.Where(byAccount.ContainsKey).Select(a => byAccount[a]).ToList();
        var rendered = await expansions.RenderAsync(ordered, caller, Expansion.From(request), topLevel: false, ct);
        var page = new Core.Paging.Page<UserJson>(rendered, new Core.Paging.PageRequest(0, limit ?? BulkMax), HasMore: false);
        return PagedJson<UserJson>.From(page, u => u, links);
    }

    private static async Task<AccountIdEmailJson> GetPrivacyUnsafeUserEmail(
        string? accountId, Caller caller, UserService userService, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(accountId)) RequireEmailAccess(caller, [accountId]);
        var user = await userService.GetByAccountIdAsync(accountId, ct);
        return new AccountIdEmailJson(user.AccountId, user.Email);
    }

    private static async Task<IReadOnlyList<AccountIdEmailJson>> GetPrivacyUnsafeUserEmailBulk(
        HttpRequest request, Caller caller, UserService userService, CancellationToken ct)
    {
        var accountIds = QueryValues.Multi(request, "accountId");
        if (accountIds.Count == 0) throw new BadRequestException("accountId is required.");
        if (accountIds.Count > BulkMax) throw new BadRequestException($"At most {BulkMax} accountIds may be asked for at once.");
        RequireEmailAccess(caller, accountIds);
        var found = await userService.GetManyAsync(accountIds, ct);
        return found.Select(u => new AccountIdEmailJson(u.AccountId, u.Email)).ToList();
    }

    /// <summary>
    /// Cloud reserves these calls to approved apps and answers 400 to any other caller (the
    /// spec's only refusal for them); here site admins (whose tokens integrations use) are the
    /// approved callers, and a user may ask about itself. Checked before any lookup, so a
    /// refused caller learns nothing about which accounts exist.
    /// </summary>
    private static void RequireEmailAccess(Caller caller, IReadOnlyCollection<string> accountIds)
    {
        if (!caller.IsSiteAdmin && accountIds.Any(id => id != caller.User.AccountId))
            throw new BadRequestException(
                "Only approved callers may read other users' email addresses: in Quire, site administrators.");
    }
}

public sealed record AccountIdEmailJson(string AccountId, string Email);
