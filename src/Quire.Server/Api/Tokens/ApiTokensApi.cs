using Quire.Server.Authentication;
using System.Text.Json.Serialization;
using Quire.Core.Security;
using Quire.Server.Http;
using Quire.Storage.Users;

namespace Quire.Server.Api.Tokens;

/// <summary>
/// A user's own API tokens. Confluence Cloud manages tokens in the Atlassian account, not
/// in its REST API, so these live under Quire's own prefix <c>/wiki/rest/quire/1/api-token</c>.
/// </summary>
public static class ApiTokensApi
{
    public sealed record CreateTokenRequest(string? Label);

    public sealed record TokenJson(string Id, string Label, string CreatedDate, string? LastUsedDate)
    {
        [JsonPropertyName("token")]
        public string? Token { get; init; }

        public static TokenJson From(ApiTokenRecord record, string? token = null) =>
            new(record.TokenId, record.Label, QuireJson.Date(record.CreatedAt),
                record.LastUsedAt is { } used ? QuireJson.Date(used) : null) { Token = token };
    }

    public static IEndpointRouteBuilder MapApiTokensApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/wiki/rest/quire/1/api-token").RequireAuthorization().RequireSignIn();
        tokens.MapGet("", List);
        tokens.MapPost("", Create);
        tokens.MapDelete("/{tokenId}", Revoke);
        return app;
    }

    private static async Task<object> List(Caller caller, ApiTokenService tokens, CancellationToken ct) =>
        new { results = (await tokens.ListAsync(caller.UserId, ct)).Select(t => TokenJson.From(t)).ToList() };

    private static async Task<IResult> Create(CreateTokenRequest? body, Caller caller, ApiTokenService tokens, CancellationToken ct)
    {
        var issued = await tokens.CreateAsync(caller.UserId, body?.Label, ct);
        return TypedResults.Json(TokenJson.From(issued.Record, issued.Token), QuireJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Revoke(string tokenId, Caller caller, ApiTokenService tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(caller.UserId, tokenId, ct);
        return TypedResults.NoContent();
    }
}
