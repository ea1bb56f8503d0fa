using System.Net;
using System.Net.Http.Headers;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// The token endpoint under two requests at once for the same secret, on both engines: a code is exchanged by exactly
/// one, a refresh token rotated by exactly one. The other is <c>invalid_grant</c>, never a 500 or a second set of tokens;
/// for the refresh token it is within the reuse grace period, so the family (the winner's tokens) survives.
/// </summary>
public abstract class OAuthConcurrencyTests(ServerFixture fixture) : OAuthTest(fixture)
{
    [SkippableFact]
    public async Task The_same_code_exchanged_twice_at_once_succeeds_once()
    {
        var app = await RegisterAppAsync(["read:confluence-user", "offline_access"]);
        var user = await NewUserAsync();
        var code = await AuthorizeAsync(app, "read:confluence-user offline_access", user);
        var exchange = new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code, redirect_uri = Callback };

        var answers = await Task.WhenAll(TokenAsync(exchange), TokenAsync(exchange));
        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        ExpectOAuthError(Assert.Single(answers, a => a.Status != HttpStatusCode.OK), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [SkippableFact]
    public async Task The_same_refresh_token_presented_twice_at_once_rotates_once_and_the_family_survives()
    {
        var app = await RegisterAppAsync(["read:confluence-user", "offline_access"]);
        var user = await NewUserAsync();
        var refresh = (string)(await TokensAsync(app, "read:confluence-user offline_access", user))["refresh_token"]!;

        var answers = await Task.WhenAll(RefreshAsync(app, refresh), RefreshAsync(app, refresh));
        var won = Assert.Single(answers, a => a.Status == HttpStatusCode.OK).Json!;
        ExpectOAuthError(Assert.Single(answers, a => a.Status != HttpStatusCode.OK), HttpStatusCode.Forbidden, "invalid_grant");

        // The loser's reuse came within the grace period: the winner's tokens live on.
        var api = Server.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)won["access_token"]!);
        (await api.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        (await RefreshAsync(app, (string)won["refresh_token"]!)).Expect(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OAuthConcurrencyTestsOnSqlite(SqliteServerFixture fixture) : OAuthConcurrencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OAuthConcurrencyTestsOnPostgres(PostgresServerFixture fixture) : OAuthConcurrencyTests(fixture);
