using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Quire.Core.OAuth;

namespace Quire.Server.OAuth;

/// <summary>
/// <c>POST /oauth/token</c> (Atlassian's <c>auth.atlassian.com/oauth/token</c>) and <c>POST /oauth/revoke</c>
/// (RFC 7009). Both take their parameters as a JSON object, as Atlassian documents, or form-encoded, as RFC 6749
/// writes them; the client authenticates with <c>client_id</c> and <c>client_secret</c> in the body, or with HTTP
/// Basic (RFC 6749 2.3.1, the default of many OAuth client libraries), not both. Answers are never cached;
/// refusals are <c>{"error", "error_description"}</c> (<see cref="OAuthException"/>).
/// </summary>
public static class TokenEndpoints
{
    public const string TokenPath = "/oauth/token";
    public const string RevokePath = "/oauth/revoke";

    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(TokenPath, TokenAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost(RevokePath, RevokeAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static Task TokenAsync(HttpContext context, OAuthTokenService tokens) => AnswerAsync(context, async parameters =>
    {
        var grantType = parameters.Get("grant_type");
        var issued = grantType switch
        {
            "authorization_code" => await tokens.ExchangeCodeAsync(
                parameters.Get("client_id"), parameters.Get("client_secret"), parameters.Get("code"), parameters.Get("redirect_uri"), context.RequestAborted),
            "refresh_token" => await tokens.RefreshAsync(
                parameters.Get("client_id"), parameters.Get("client_secret"), parameters.Get("refresh_token"), context.RequestAborted),
            null or "" => throw OAuthException.InvalidRequest("grant_type is required."),
            _ => throw new OAuthException("unsupported_grant_type", "grant_type must be authorization_code or refresh_token."),
        };
        return Results.Json(new TokenJson(issued.AccessToken, issued.ExpiresIn, "Bearer", issued.RefreshToken, issued.Scope));
    });

    private static Task RevokeAsync(HttpContext context, OAuthTokenService tokens) => AnswerAsync(context, async parameters =>
    {
        await tokens.RevokeAsync(parameters.Get("client_id"), parameters.Get("client_secret"), parameters.Get("token"), context.RequestAborted);
        return Results.Ok();
    });

    /// <summary>The token endpoint's answer, named as RFC 6749 5.1 names it.</summary>
    public sealed record TokenJson(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token"),
                   System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        string? RefreshToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

    private static async Task AnswerAsync(HttpContext context, Func<TokenParameters, Task<IResult>> work)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        IResult result;
        try
        {
            result = await work((await TokenParameters.ReadAsync(context.Request)).WithBasicClientCredentials(context.Request));
        }
        catch (OAuthException refused)
        {
            result = Results.Json(new Dictionary<string, string> { ["error"] = refused.Error, ["error_description"] = refused.Message },
                statusCode: refused.Status);
        }
        await result.ExecuteAsync(context);
    }

    /// <summary>The parameters of a token or revocation request, from a JSON object or a form; each a string or absent.</summary>
    private sealed class TokenParameters(IReadOnlyDictionary<string, string?> values)
    {
        public string? Get(string name) => values.GetValueOrDefault(name);

        /// <summary>
        /// These parameters with the client's id and secret from an <c>Authorization: Basic</c> header, where the
        /// client sent one: each part form-encoded, then joined by a colon and base64-encoded (RFC 6749 2.3.1).
        /// A client uses one way to authenticate: a secret in the body as well is refused, and an id in the body
        /// must be the header's.
        /// </summary>
        public TokenParameters WithBasicClientCredentials(HttpRequest request)
        {
            if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
                || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
                return this;
            string clientId, clientSecret;
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
                var colon = decoded.IndexOf(':');
                if (colon < 0) throw new FormatException();
                clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
                clientSecret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            }
            catch (FormatException)
            {
                throw OAuthException.BadClient();
            }
            if (Get("client_secret") is not null)
                throw OAuthException.InvalidRequest("Authenticate the client once: with HTTP Basic or with client_secret in the body, not both.");
            if (Get("client_id") is { } bodyId && bodyId != clientId)
                throw OAuthException.InvalidRequest("client_id differs from the client in the Authorization header.");
            return new TokenParameters(new Dictionary<string, string?>(values) { ["client_id"] = clientId, ["client_secret"] = clientSecret });
        }

        public static async Task<TokenParameters> ReadAsync(HttpRequest request)
        {
            if (request.HasFormContentType)
            {
                IFormCollection form;
                try
                {
                    form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                }
                catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
                {
                    throw OAuthException.InvalidRequest("The form body could not be read.");
                }
                if (form.Any(f => f.Value.Count > 1)) throw OAuthException.InvalidRequest("Each parameter may be given once.");
                return new TokenParameters(form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString()));
            }
            if (request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                    if (document.RootElement.ValueKind != JsonValueKind.Object) throw OAuthException.InvalidRequest("The body must be a JSON object.");
                    var values = new Dictionary<string, string?>();
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                            throw OAuthException.InvalidRequest($"'{property.Name}' must be a string.");
                        values[property.Name] = property.Value.GetString();
                    }
                    return new TokenParameters(values);
                }
                catch (JsonException)
                {
                    throw OAuthException.InvalidRequest("The body is not valid JSON.");
                }
            }
            throw OAuthException.InvalidRequest("Send the parameters as JSON (application/json) or form-encoded (application/x-www-form-urlencoded).");
        }
    }
}
