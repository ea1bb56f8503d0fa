using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Users;
using Quire.Server.Api.Users;
using Quire.Server.Http;

namespace Quire.Server.Api.Admin;

/// <summary>
/// <c>POST /wiki/rest/api/admin/user</c>: user administration for automation (not part of
/// Confluence's v1 API, where users come from the Atlassian account system; its contract
/// is fixed in GUIDE.md), and <c>DELETE /wiki/rest/api/admin/user/{accountId}</c>, which removes
/// a user from the site. Site admins only.
/// </summary>
public static class AdminUserApi
{
    public sealed record CreateUserRequest(string? UserName, string? Email, string? DisplayName, string? Password);

    public static RouteGroupBuilder MapAdminUserApi(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/user", CreateUser);
        api.MapDelete("/admin/user/{accountId}", RemoveUser);
        return api;
    }

    /// <summary><c>DELETE /wiki/rest/api/admin/user/{accountId}</c>: removes the user from the site (its content stays its own).</summary>
    private static async Task<IResult> RemoveUser(string accountId, Caller caller, UserService users, CancellationToken ct)
    {
        await users.RemoveAsync(accountId, caller, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CreateUser(
        CreateUserRequest? body, Caller caller, UserService users, UserExpansions expansions, CancellationToken ct)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can create users.");
        if (body is null) throw new BadRequestException("A JSON body with userName, email, displayName and password is required.");
        // The contract signs these users in with email:password, so here the password is required.
        var password = UserInputRules.Password(body.Password);
        var user = await users.CreateAsync(new NewUser(body.UserName, body.Email, body.DisplayName, password), actor: caller, ct: ct);
        var json = (await expansions.RenderAsync([user], caller, Expansion.None, topLevel: true, ct))[0];
        return TypedResults.Json(json, QuireJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
