using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// The authorization code flow over HTTP as Atlassian's 3LO documents it: <c>/authorize</c> (sign-in and consent
/// form with its antiforgery token), the redirect with <c>code</c> and <c>state</c>, <c>/oauth/token</c> with
/// JSON or a form, rotating refresh tokens whose late reuse revokes the family, and the refusals RFC 6749 names.
/// </summary>
public abstract class OAuthFlowTests(ServerFixture fixture) : OAuthTest(fixture)
{
    [SkippableFact]
    public async Task A_code_is_exchanged_once_and_refresh_tokens_rotate()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all", "offline_access", "read:me"]);
        var user = await NewUserAsync();
        var code = await AuthorizeAsync(app, "read:confluence-content.all offline_access", user);

        var exchange = new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code, redirect_uri = Callback };
        var answer = (await TokenAsync(exchange)).Expect(HttpStatusCode.OK);
        Assert.Equal("no-store", answer.Message.Headers.CacheControl?.ToString());
        var tokens = answer.Json!;
        Assert.Equal("Bearer", (string?)tokens["token_type"]);
        Assert.Equal(3600, (int?)tokens["expires_in"]);
        Assert.Equal("read:confluence-content.all offline_access", (string?)tokens["scope"]);
        var access = (string)tokens["access_token"]!;
        var refresh = (string)tokens["refresh_token"]!;
        Assert.NotEqual(access, refresh);

        // Rotation: a new pair each time; the one used is spent.
        var rotated = (await RefreshAsync(app, refresh)).Expect(HttpStatusCode.OK).Json!;
        var refresh2 = (string)rotated["refresh_token"]!;
        Assert.NotEqual(refresh, refresh2);
        Assert.NotEqual(access, (string)rotated["access_token"]!);
        Assert.Equal("read:confluence-content.all offline_access", (string?)rotated["scope"]);

        // The spent one presented again at once (a retry after a lost answer): refused, the family kept; after
        // the grace period it revokes the family (OAuthExpiryTests, which moves the clock).
        ExpectOAuthError(await RefreshAsync(app, refresh), HttpStatusCode.Forbidden, "invalid_grant");
        (await RefreshAsync(app, refresh2)).Expect(HttpStatusCode.OK);

        // The code is single use: presented again it is refused.
        ExpectOAuthError(await TokenAsync(exchange), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [SkippableFact]
    public async Task A_code_presented_twice_revokes_what_it_was_exchanged_for()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all", "offline_access"]);
        var user = await NewUserAsync();
        var code = await AuthorizeAsync(app, "read:confluence-content.all offline_access", user);
        var exchange = new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code, redirect_uri = Callback };
        var refresh = (string)(await TokenAsync(exchange)).Expect(HttpStatusCode.OK).Json!["refresh_token"]!;
        ExpectOAuthError(await TokenAsync(exchange), HttpStatusCode.Forbidden, "invalid_grant");
        ExpectOAuthError(await RefreshAsync(app, refresh), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [SkippableFact]
    public async Task The_token_endpoint_takes_a_form_too_and_gives_no_refresh_token_without_offline_access()
    {
        var app = await RegisterAppAsync(["read:confluence-content.summary", "offline_access"]);
        var user = await NewUserAsync();
        var code = await AuthorizeAsync(app, "read:confluence-content.summary", user);
        var response = await Server.Anonymous().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = app.ClientId, ["client_secret"] = app.ClientSecret, ["code"] = code, ["redirect_uri"] = Callback,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("qoa_", (string)json["access_token"]!);
        Assert.Null(json["refresh_token"]);
        Assert.Equal("read:confluence-content.summary", (string?)json["scope"]);
    }

    [SkippableFact]
    public async Task A_client_may_authenticate_with_http_basic_instead_of_the_body()
    {
        var app = await RegisterAppAsync(["read:confluence-content.summary"]);
        var user = await NewUserAsync();
        var code = await AuthorizeAsync(app, "read:confluence-content.summary", user);
        HttpClient ClientWithBasic(string credentials)
        {
            var client = Server.Anonymous();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
            return client;
        }
        // RFC 6749 2.3.1: each part form-encoded before joining; refusals spend nothing.
        var basic = ClientWithBasic($"{Uri.EscapeDataString(app.ClientId)}:{Uri.EscapeDataString(app.ClientSecret)}");
        ExpectOAuthError(await ClientWithBasic($"{app.ClientId}:wrong").PostJson("/oauth/token",
            new { grant_type = "authorization_code", code, redirect_uri = Callback }), HttpStatusCode.Unauthorized, "access_denied");
        ExpectOAuthError(await basic.PostJson("/oauth/token",
            new { grant_type = "authorization_code", client_secret = app.ClientSecret, code, redirect_uri = Callback }), HttpStatusCode.BadRequest, "invalid_request");
        ExpectOAuthError(await basic.PostJson("/oauth/token",
            new { grant_type = "authorization_code", client_id = "someone-else", code, redirect_uri = Callback }), HttpStatusCode.BadRequest, "invalid_request");

        var issued = (await basic.PostJson("/oauth/token", new { grant_type = "authorization_code", client_id = app.ClientId, code, redirect_uri = Callback }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.StartsWith("qoa_", (string)issued["access_token"]!);
    }

    [SkippableFact]
    public async Task The_token_endpoint_refuses_what_rfc_6749_refuses_and_stores_nothing()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all", "offline_access"]);
        var other = await RegisterAppAsync(["read:confluence-content.all"]);
        var user = await NewUserAsync();
        var code = await AuthorizeAsync(app, "read:confluence-content.all offline_access", user);

        ExpectOAuthError(await TokenAsync(new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = "wrong", code, redirect_uri = Callback }),
            HttpStatusCode.Unauthorized, "access_denied");
        ExpectOAuthError(await TokenAsync(new { grant_type = "authorization_code", client_id = "nobody", client_secret = "x", code, redirect_uri = Callback }),
            HttpStatusCode.Unauthorized, "access_denied");
        ExpectOAuthError(await TokenAsync(new { grant_type = "authorization_code", client_id = other.ClientId, client_secret = other.ClientSecret, code, redirect_uri = Callback }),
            HttpStatusCode.Forbidden, "invalid_grant");
        ExpectOAuthError(await TokenAsync(new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code, redirect_uri = Callback + "/other" }),
            HttpStatusCode.Forbidden, "invalid_grant");
        ExpectOAuthError(await TokenAsync(new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code = "qoc_forged", redirect_uri = Callback }),
            HttpStatusCode.Forbidden, "invalid_grant");
        ExpectOAuthError(await TokenAsync(new { grant_type = "password", client_id = app.ClientId, client_secret = app.ClientSecret }),
            HttpStatusCode.BadRequest, "unsupported_grant_type");
        ExpectOAuthError(await TokenAsync(new { client_id = app.ClientId, client_secret = app.ClientSecret }), HttpStatusCode.BadRequest, "invalid_request");
        ExpectOAuthError(await TokenAsync(new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code = 5 }),
            HttpStatusCode.BadRequest, "invalid_request");
        ExpectOAuthError(await RefreshAsync(app, "qor_forged"), HttpStatusCode.Forbidden, "invalid_grant");
        var plain = await Server.Anonymous().PostAsync("/oauth/token", new StringContent("grant_type=authorization_code", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("invalid_request", await plain.Content.ReadAsStringAsync());

        // None of those spent the code: the right exchange still works once.
        (await TokenAsync(new { grant_type = "authorization_code", client_id = app.ClientId, client_secret = app.ClientSecret, code, redirect_uri = Callback }))
            .Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task The_consent_page_names_the_app_and_its_scopes_and_escapes_them()
    {
        var hostile = "<script>alert('x')</script> & \"co\"";
        var app = await RegisterAppAsync(["read:confluence-content.all", "write:confluence-content"], name: hostile);
        var page = await Browser().GetAsync(AuthorizeUrl(app.ClientId, "read:confluence-content.all write:confluence-content", state: "\"><script>bad()</script>"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains(page.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("httponly", StringComparison.OrdinalIgnoreCase) &&
                                                                             v.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase)));
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(", html);
        Assert.Contains("read:confluence-content.all", html);
        Assert.Contains("Permits the creation of pages, blogs, comments and questions.", html); // write:confluence-content, from the spec
        var fields = HiddenFields(html);
        Assert.Equal("\"><script>bad()</script>", fields["state"]);
        Assert.Contains("__antiforgery", fields.Keys);
    }

    [SkippableFact]
    public async Task Unknown_clients_and_unregistered_redirects_get_an_error_page_never_a_redirect()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all"]);
        foreach (var url in new[]
                 {
                     AuthorizeUrl("no-such-client", "read:confluence-content.all"),
                     AuthorizeUrl(app.ClientId, "read:confluence-content.all", redirectUri: "https://evil.example.test/steal"),
                     AuthorizeUrl(app.ClientId, "read:confluence-content.all", redirectUri: Callback + "/deeper"),
                     "/authorize?client_id=" + app.ClientId + "&scope=read:confluence-content.all&response_type=code",
                 })
        {
            var answer = await Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Null(answer.Headers.Location);
            Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        }
    }

    [SkippableFact]
    public async Task Refusals_the_app_may_hear_are_sent_back_with_the_state()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all"]);
        var user = await NewUserAsync();
        foreach (var (url, error) in new[]
                 {
                     (AuthorizeUrl(app.ClientId, "read:confluence-content.all write:confluence-content"), "invalid_scope"),
                     (AuthorizeUrl(app.ClientId, "read:confluence-content.all no-such-scope"), "invalid_scope"),
                     (AuthorizeUrl(app.ClientId, ""), "invalid_scope"),
                     (AuthorizeUrl(app.ClientId, "read:confluence-content.all", responseType: "token"), "unsupported_response_type"),
                 })
        {
            var answer = await Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            var query = Query(answer.Headers.Location!);
            Assert.StartsWith(Callback + "?", answer.Headers.Location!.ToString());
            Assert.Equal(error, query["error"]);
            Assert.Equal("state-1", query["state"]);
            Assert.False(query.ContainsKey("code"));
        }

        // Deny: back to the app with access_denied, and nothing granted.
        var denied = await ConsentAsync(Browser(), AuthorizeUrl(app.ClientId, "read:confluence-content.all"), user.Email, PasswordOf(user), decision: "deny");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("access_denied", Query(denied.Headers.Location!)["error"]);
        Assert.Equal("state-1", Query(denied.Headers.Location!)["state"]);
        var grants = (await user.Client.Get("/wiki/rest/quire/1/oauth-grant")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(grants["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_wrong_password_or_a_missing_antiforgery_token_shows_the_page_again_without_a_code()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all"]);
        var user = await NewUserAsync();
        var wrong = await ConsentAsync(Browser(), AuthorizeUrl(app.ClientId, "read:confluence-content.all"), user.Email, "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Null(wrong.Headers.Location);
        Assert.Contains("Wrong e-mail", await wrong.Content.ReadAsStringAsync());

        // A form posted from elsewhere (no antiforgery cookie or field) is refused.
        var forged = await Browser().PostAsync("/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = app.ClientId, ["redirect_uri"] = Callback, ["scope"] = "read:confluence-content.all", ["response_type"] = "code",
            ["state"] = "x", ["email"] = user.Email, ["password"] = PasswordOf(user), ["decision"] = "accept",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(forged.Headers.Location);
        Assert.Empty((await user.Client.Get("/wiki/rest/quire/1/oauth-grant")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task Users_list_and_revoke_their_grants_and_apps_revoke_their_tokens()
    {
        var app = await RegisterAppAsync(["read:confluence-content.all", "offline_access"], name: "Grant test " + Unique());
        var user = await NewUserAsync();
        var tokens = await TokensAsync(app, "read:confluence-content.all offline_access", user);
        var grants = (await user.Client.Get("/wiki/rest/quire/1/oauth-grant")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        var grant = Assert.Single(grants)!;
        Assert.Equal(app.ClientId, (string?)grant["clientId"]);
        Assert.Equal(["read:confluence-content.all", "offline_access"], grant["scopes"]!.AsArray().Select(s => (string)s!));

        // RFC 7009: revoking the refresh token ends its family; unknown tokens answer 200 too.
        (await Server.Anonymous().PostJson("/oauth/revoke", new { client_id = app.ClientId, client_secret = app.ClientSecret, token = "qor_unknown" }))
            .Expect(HttpStatusCode.OK);
        ExpectOAuthError(await Server.Anonymous().PostJson("/oauth/revoke", new { client_id = app.ClientId, client_secret = "wrong", token = (string)tokens["refresh_token"]! }),
            HttpStatusCode.Unauthorized, "access_denied");
        (await RefreshAsync(app, (string)tokens["refresh_token"]!)).Expect(HttpStatusCode.OK);

        var again = await TokensAsync(app, "read:confluence-content.all offline_access", user);
        (await Server.Anonymous().PostJson("/oauth/revoke", new { client_id = app.ClientId, client_secret = app.ClientSecret, token = (string)again["refresh_token"]! }))
            .Expect(HttpStatusCode.OK);
        ExpectOAuthError(await RefreshAsync(app, (string)again["refresh_token"]!), HttpStatusCode.Forbidden, "invalid_grant");

        // The user revokes the grant: every token the app holds for them ends.
        var third = await TokensAsync(app, "read:confluence-content.all offline_access", user);
        (await user.Client.Delete($"/wiki/rest/quire/1/oauth-grant/{app.ClientId}")).Expect(HttpStatusCode.NoContent);
        ExpectOAuthError(await RefreshAsync(app, (string)third["refresh_token"]!), HttpStatusCode.Forbidden, "invalid_grant");
        (await user.Client.Delete($"/wiki/rest/quire/1/oauth-grant/{app.ClientId}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Empty((await user.Client.Get("/wiki/rest/quire/1/oauth-grant")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());

        // The admin deletes the app: its tokens end with it.
        var fourth = await TokensAsync(app, "read:confluence-content.all offline_access", user);
        (await Admin.Delete($"/wiki/rest/api/admin/oauth-apps/{app.ClientId}")).Expect(HttpStatusCode.NoContent);
        ExpectOAuthError(await RefreshAsync(app, (string)fourth["refresh_token"]!), HttpStatusCode.Unauthorized, "access_denied");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OAuthFlowTestsOnSqlite(SqliteServerFixture fixture) : OAuthFlowTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OAuthFlowTestsOnPostgres(PostgresServerFixture fixture) : OAuthFlowTests(fixture);
