using Quire.Core.OAuth;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;
using Quire.Storage.OAuth;

namespace Quire.Server.Api.Tokens;

/// <summary>
/// <c>/wiki/rest/quire/1/oauth-grant</c>: the OAuth apps a user has authorized (Atlassian keeps this list in the
/// account's "Connected apps", outside the REST API, so it lives under Quire's own prefix beside the API
/// tokens). <c>GET</c> lists them with the scopes granted; <c>DELETE /{clientId}</c> revokes one, ending every
/// token the app holds for the user at once.
/// </summary>
public static class OAuthGrantsApi
{
    public sealed record OAuthGrantJson(string ClientId, string Name, IReadOnlyList<string> Scopes, string CreatedDate, string UpdatedDate)
    {
        public static OAuthGrantJson Of(OAuthGrantRecord grant) =>
            new(grant.ClientId, grant.AppName, grant.ScopeList, QuireJson.Date(grant.CreatedAt), QuireJson.Date(grant.UpdatedAt));
    }

    public sealed record OAuthGrantListJson(IReadOnlyList<OAuthGrantJson> Results);

    public static IEndpointRouteBuilder MapOAuthGrantsApi(this IEndpointRouteBuilder app)
    {
        var grants = app.MapGroup("/wiki/rest/quire/1/oauth-grant").RequireAuthorization().RequireSignIn();
        grants.MapGet("", List);
        grants.MapDelete("/{clientId}", Revoke);
        return app;
    }

    private static async Task<OAuthGrantListJson> List(Caller caller, OAuthGrantService grants, CancellationToken ct) =>
        new((await grants.ListAsync(caller, ct)).Select(OAuthGrantJson.Of).ToList());

    private static async Task<IResult> Revoke(string clientId, Caller caller, OAuthGrantService grants, CancellationToken ct)
    {
        await grants.RevokeAsync(caller, clientId, ct);
        return TypedResults.NoContent();
    }
}
