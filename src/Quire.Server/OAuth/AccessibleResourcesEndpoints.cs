using System.Text.Json.Serialization;
using Quire.Core.Apps;
using Quire.Core.OAuth;
using Quire.Core.Security;
using Quire.Server.Apps;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.OAuth;

/// <summary>
/// What an OAuth 2.0 app asks the gateway about its token: <c>GET /oauth/token/accessible-resources</c> (the
/// sites the token reaches: here this one, with its cloud id for the <c>/ex/confluence/{cloudId}</c> paths)
/// and <c>GET /me</c> (the user who authorized it; needs <c>read:me</c>), in Atlassian's shapes. Both take an
/// OAuth access token only: other callers are answered 401 as the gateway answers them.
/// </summary>
public static class AccessibleResourcesEndpoints
{
    public const string ResourcesPath = "/oauth/token/accessible-resources";
    public const string MePath = "/me";

    public sealed record ResourceJson(string Id, string Url, string Name, IReadOnlyList<string> Scopes, string AvatarUrl);

    /// <summary>Atlassian's user identity answer (snake_case, as <c>api.atlassian.com/me</c> writes it).</summary>
    public sealed record MeJson(
        [property: JsonPropertyName("account_type")] string AccountType,
        [property: JsonPropertyName("account_id")] string AccountId,
        [property: JsonPropertyName("email")] string Email,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("picture")] string Picture,
        [property: JsonPropertyName("account_status")] string AccountStatus,
        [property: JsonPropertyName("nickname")] string Nickname,
        [property: JsonPropertyName("zoneinfo")] string ZoneInfo,
        [property: JsonPropertyName("locale")] string Locale);

    public static IEndpointRouteBuilder MapAccessibleResources(this IEndpointRouteBuilder app)
    {
        // Outside the API descriptions, so the scope check leaves them to these handlers (AppScopesCheckedByEndpoint).
        app.MapGet(ResourcesPath, ResourcesAsync).RequireAuthorization().WithMetadata(AppScopesCheckedByEndpoint.Instance);
        app.MapGet(MePath, Me).RequireAuthorization().WithMetadata(AppScopesCheckedByEndpoint.Instance);
        return app;
    }

    private static async Task<IResult> ResourcesAsync(CallerContext callerContext, SiteIdentity site, ApiLinks links, CancellationToken ct)
    {
        if (OAuthApp(callerContext) is not { } app) return Unauthorized();
        return Results.Json(new[]
        {
            new ResourceJson(await site.CloudIdAsync(ct), site.Url, site.Name, app.Scopes.Order(StringComparer.Ordinal).ToList(),
                links.Base + "/images/logo/default-space-logo.svg"),
        }, QuireJson.Options);
    }

    private static IResult Me(CallerContext callerContext, ApiLinks links)
    {
        if (OAuthApp(callerContext) is not { } app) return Unauthorized();
        if (!app.Scopes.Contains(OAuthScopeCatalog.ReadMe))
            return Unauthorized($"Unauthorized; scope does not match. getMe needs the scopes {OAuthScopeCatalog.ReadMe}.");
        var user = callerContext.Caller!.User;
        return Results.Json(new MeJson("atlassian", user.AccountId, user.Email, user.DisplayName,
            links.Base + "/images/icons/profilepics/default.svg", "active", user.UserName, user.TimeZone, "en-US"));
    }

    private static AppAccess? OAuthApp(CallerContext callerContext) =>
        callerContext.Caller?.App is { Kind: AppKind.OAuth } app ? app : null;

    /// <summary>The gateway's answer to a request without an OAuth access token, or without the scope.</summary>
    private static IResult Unauthorized(string message = "Unauthorized") =>
        Results.Json(new { code = 401, message }, statusCode: StatusCodes.Status401Unauthorized);
}
