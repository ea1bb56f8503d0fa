using System.Net;
using System.Net.Http.Headers;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// Access tokens on the API: a token signs in the user who authorized the app, at the site's paths and the gateway's,
/// with <c>accessible-resources</c> and <c>/me</c> in Atlassian's shapes; a revoked, reused-family, forged or removed
/// user's token is 401 from the next request on.
/// </summary>
public abstract class OAuthBearerTests(ServerFixture fixture) : OAuthTest(fixture)
{
    [SkippableFact]
    public async Task The_whole_flow_then_the_api_with_the_access_token()
    {
        var app = await RegisterAppAsync(["read:confluence-user", "read:confluence-content.summary", "offline_access", "read:me"]);
        var user = await NewUserAsync();
        var tokens = await TokensAsync(app, "read:confluence-user offline_access read:me", user);
        var access = (string)tokens["access_token"]!;
        var api = Bearer(access);

        var me = (await api.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(user.AccountId, (string?)me["accountId"]);

        var resources = (await api.Get("/oauth/token/accessible-resources")).Expect(HttpStatusCode.OK).Json!.AsArray();
        var site = Assert.Single(resources)!;
        var cloudId = (string)(await Admin.Get("/wiki/rest/api/settings/systemInfo")).Expect(HttpStatusCode.OK).Json!["cloudId"]!;
        Assert.Equal(cloudId, (string?)site["id"]);
        Assert.Equal(["offline_access", "read:confluence-user", "read:me"], site["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.False(string.IsNullOrEmpty((string?)site["url"]));
        Assert.False(string.IsNullOrEmpty((string?)site["name"]));
        Assert.False(string.IsNullOrEmpty((string?)site["avatarUrl"]));

        var identity = (await api.Get("/me")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(user.AccountId, (string?)identity["account_id"]);
        Assert.Equal(user.Email, (string?)identity["email"]);
        Assert.Equal("active", (string?)identity["account_status"]);

        // Through the gateway, the same user.
        (await api.Get($"/ex/confluence/{cloudId}/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        // A scope the token lacks: the gateway's 401 naming it; Quire's admin routes are no app's.
        var refused = (await api.Get("/wiki/rest/api/content")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(401, (int?)refused.Json!["code"]);
        Assert.Contains("read:confluence-content.summary", (string?)refused.Json["message"]);
        (await api.Get("/wiki/rest/api/admin/oauth-apps")).Expect(HttpStatusCode.Unauthorized);

        // Refreshing keeps the old access token valid until it expires; reusing a spent refresh token within the
        // grace period is refused and ends neither (after it, both end: OAuthExpiryTests).
        var refresh = (string)tokens["refresh_token"]!;
        var rotated = (await RefreshAsync(app, refresh)).Expect(HttpStatusCode.OK).Json!;
        var newer = Bearer((string)rotated["access_token"]!);
        (await newer.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        (await api.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        ExpectOAuthError(await RefreshAsync(app, refresh), HttpStatusCode.Forbidden, "invalid_grant");
        (await api.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        (await newer.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Revoked_forged_and_removed_users_tokens_are_refused_at_once()
    {
        var app = await RegisterAppAsync(["read:confluence-user", "read:me"]);
        var user = await NewUserAsync();
        var access = (string)(await TokensAsync(app, "read:confluence-user", user))["access_token"]!;
        (await Bearer(access).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        // Without read:me, /me is refused as the gateway refuses a scope.
        (await Bearer(access).Get("/me")).Expect(HttpStatusCode.Unauthorized);

        // RFC 7009 revocation of the access token alone.
        (await Server.Anonymous().PostJson("/oauth/revoke", new { client_id = app.ClientId, client_secret = app.ClientSecret, token = access }))
            .Expect(HttpStatusCode.OK);
        var revoked = await Bearer(access).Get("/wiki/rest/api/user/current");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Contains("invalid_token", revoked.Message.Headers.WwwAuthenticate.ToString());

        // The user revokes the grant; the admin deletes the app; the user is removed: each ends the token at once.
        var second = (string)(await TokensAsync(app, "read:confluence-user", user))["access_token"]!;
        (await user.Client.Delete($"/wiki/rest/quire/1/oauth-grant/{app.ClientId}")).Expect(HttpStatusCode.NoContent);
        (await Bearer(second).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.Unauthorized);

        var third = (string)(await TokensAsync(app, "read:confluence-user", user))["access_token"]!;
        (await Admin.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);
        (await Bearer(third).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.Unauthorized);

        (await Bearer("qoa_forged").Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.Unauthorized);
        (await Bearer("qoa_" + new string('x', 5000)).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.Unauthorized);
        // accessible-resources is for OAuth tokens only.
        (await Admin.Get("/oauth/token/accessible-resources")).Expect(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task A_method_a_route_does_not_take_is_405_for_an_app_as_for_everyone()
    {
        // Routing's 405 endpoint has no route pattern and no operation: the scope check leaves it to routing.
        var app = await RegisterAppAsync([.. Quire.Core.OAuth.OAuthScopeCatalog.All.Keys]);
        var token = await MintAsync(app.ClientId, QuireServer.AdminEmail, Quire.Core.OAuth.OAuthScopeCatalog.All.Keys);
        (await Admin.Delete("/wiki/rest/api/user/current")).Expect(HttpStatusCode.MethodNotAllowed);
        (await Bearer(token).Delete("/wiki/rest/api/user/current")).Expect(HttpStatusCode.MethodNotAllowed);
        (await Bearer(token).Delete("/wiki/api/v2/spaces")).Expect(HttpStatusCode.MethodNotAllowed);
    }

    private HttpClient Bearer(string token)
    {
        var client = Server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OAuthBearerTestsOnSqlite(SqliteServerFixture fixture) : OAuthBearerTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OAuthBearerTestsOnPostgres(PostgresServerFixture fixture) : OAuthBearerTests(fixture);
