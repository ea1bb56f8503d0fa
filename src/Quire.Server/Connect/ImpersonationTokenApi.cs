using Quire.Core.ConnectApps;

namespace Quire.Server.Connect;

/// <summary>
/// <c>POST /oauth2/token</c>: Connect's user-impersonation token endpoint, at the path Atlassian's
/// authorization server (<c>oauth-2-authorization-server.services.atlassian.com</c>) serves it. A form
/// with <c>grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer</c>, <c>assertion</c> (the app's JWT,
/// see <see cref="ConnectImpersonation"/>) and optionally <c>scope</c> answers
/// <c>{"access_token", "expires_in", "token_type": "Bearer", "scope"}</c>; a refusal answers RFC 6749's
/// <c>{"error", "error_description"}</c>. The assertion's <c>aud</c> may be Atlassian's server or this site's origin.
/// </summary>
public static class ImpersonationTokenApi
{
    public const string Path = "/oauth2/token";

    public static IEndpointRouteBuilder MapImpersonationTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueToken).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> IssueToken(HttpRequest request, ConnectImpersonation impersonation, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Error(new ConnectTokenException("invalid_request", "The request must be a form (application/x-www-form-urlencoded)."));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // As the OAuth token endpoint: a body that is too large or ends early is the client's fault, answered in OAuth's shape.
            return Error(new ConnectTokenException("invalid_request", "The form body could not be read."));
        }
        var origin = $"{request.Scheme}://{request.Host}";
        try
        {
            var token = await impersonation.IssueAsync(form["grant_type"], form["assertion"], form["scope"],
                [ConnectImpersonation.AtlassianAudience, origin, origin + "/"], ct);
            return TypedResults.Json(new TokenJson(token.Token, token.ExpiresIn, "Bearer", string.Join(' ', token.Scopes.Order(StringComparer.Ordinal))));
        }
        catch (ConnectTokenException e)
        {
            return Error(e);
        }
    }

    private static IResult Error(ConnectTokenException e) =>
        TypedResults.Json(new TokenErrorJson(e.Error, e.Message), statusCode: e.Status);

    private sealed record TokenJson(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

    private sealed record TokenErrorJson(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string ErrorDescription);
}
