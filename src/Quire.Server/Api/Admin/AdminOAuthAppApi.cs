using System.Text.Json.Serialization;
using Quire.Core.Errors;
using Quire.Core.OAuth;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;
using Quire.Storage.OAuth;

namespace Quire.Server.Api.Admin;

/// <summary>
/// <c>/wiki/rest/api/admin/oauth-apps</c>: a site admin registers OAuth 2.0 (3LO) apps, as Atlassian's
/// developer console does for Cloud (name, callback URLs, the scopes the app may ask for; Quire answers the
/// client id and, once, the client secret). Not part of Confluence's API. Site admins only; the command
/// line's <c>quire oauth-app</c> does the same.
/// </summary>
public static class AdminOAuthAppApi
{
    private static readonly PageLimits Limits = new(25, 100);

    public sealed record OAuthAppRequest(string? Name, IReadOnlyList<string>? CallbackUrls, IReadOnlyList<string>? Scopes);

    public sealed record OAuthAppJson(
        string ClientId, string Name, IReadOnlyList<string> CallbackUrls, IReadOnlyList<string> Scopes, string CreatedDate, string UpdatedDate)
    {
        /// <summary>Present only in the answer that created it or rotated it: the secret is not stored readable.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ClientSecret { get; init; }

        public static OAuthAppJson Of(OAuthAppRecord app, string? secret = null) =>
            new(app.ClientId, app.Name, app.CallbackUrlList, app.ScopeList, QuireJson.Date(app.CreatedAt), QuireJson.Date(app.UpdatedAt))
            {
                ClientSecret = secret,
            };
    }

    public static RouteGroupBuilder MapAdminOAuthAppApi(this RouteGroupBuilder api)
    {
        var apps = api.MapGroup("/admin/oauth-apps").RequireSignIn();
        apps.MapGet("", ListApps);
        apps.MapPost("", CreateApp);
        apps.MapGet("/{clientId}", GetApp);
        apps.MapPut("/{clientId}", UpdateApp);
        apps.MapDelete("/{clientId}", DeleteApp);
        apps.MapPost("/{clientId}/secret", RotateSecret);
        return api;
    }

    private static async Task<PagedJson<OAuthAppJson>> ListApps(
        int? start, int? limit, Caller caller, OAuthAppService apps, ApiLinks links, CancellationToken ct) =>
        PagedJson<OAuthAppJson>.From(await apps.ListAsync(caller, Limits.Parse(start, limit), ct), a => OAuthAppJson.Of(a), links);

    private static async Task<IResult> CreateApp(OAuthAppRequest? body, Caller caller, OAuthAppService apps, ApiLinks links, CancellationToken ct)
    {
        var issued = await apps.CreateAsync(caller, Input(body), ct);
        return TypedResults.Created(links.Api($"/rest/api/admin/oauth-apps/{issued.App.ClientId}"), OAuthAppJson.Of(issued.App, issued.ClientSecret));
    }

    private static async Task<OAuthAppJson> GetApp(string clientId, Caller caller, OAuthAppService apps, CancellationToken ct) =>
        OAuthAppJson.Of(await apps.GetAsync(caller, clientId, ct));

    private static async Task<OAuthAppJson> UpdateApp(string clientId, OAuthAppRequest? body, Caller caller, OAuthAppService apps, CancellationToken ct) =>
        OAuthAppJson.Of(await apps.UpdateAsync(caller, clientId, Input(body), ct));

    /// <summary>204; every grant and token of the app ends with it.</summary>
    private static async Task<IResult> DeleteApp(string clientId, Caller caller, OAuthAppService apps, CancellationToken ct)
    {
        await apps.DeleteAsync(caller, clientId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>A new client secret, shown once; the old one stops working at once.</summary>
    private static async Task<OAuthAppJson> RotateSecret(string clientId, Caller caller, OAuthAppService apps, CancellationToken ct)
    {
        var issued = await apps.RotateSecretAsync(caller, clientId, ct);
        return OAuthAppJson.Of(issued.App, issued.ClientSecret);
    }

    private static OAuthAppInput Input(OAuthAppRequest? body) =>
        body is null
            ? throw new BadRequestException("The request body must be an OAuth app: name, callbackUrls and scopes.")
            : new OAuthAppInput(body.Name, body.CallbackUrls, body.Scopes);
}
