using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// Lifetimes, on a server of its own whose clock the test moves: a code lives 10 minutes, an access token an hour,
/// a refresh token 90 days unused; each refused after its end as Atlassian refuses it.
/// </summary>
public abstract class OAuthExpiryTests(ServerFixture fixture) : OAuthTest(fixture)
{
    /// <summary>The time the server sees: real time plus what the test has skipped.</summary>
    private sealed class SkippingClock : TimeProvider
    {
        private long _skippedTicks;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _skippedTicks));
        public void Skip(TimeSpan span) => Interlocked.Add(ref _skippedTicks, span.Ticks);
    }

    [SkippableFact]
    public async Task Codes_access_tokens_and_refresh_tokens_expire()
    {
        var clock = new SkippingClock();
        await using var server = new QuireServer(Server.Engine, await Fixture.FreshDatabaseAsync(),
            configure: builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var admin = server.Admin();
        var app = (await admin.PostJson("/wiki/rest/api/admin/oauth-apps", new
        {
            name = "Expiry", callbackUrls = new[] { Callback }, scopes = new[] { "read:confluence-user", "offline_access" },
        })).Expect(HttpStatusCode.Created).Json!;
        var (clientId, secret) = ((string)app["clientId"]!, (string)app["clientSecret"]!);
        var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        async Task<string> CodeAsync()
        {
            var answer = await ConsentAsync(browser, AuthorizeUrl(clientId, "read:confluence-user offline_access"), QuireServer.AdminEmail, QuireServer.AdminToken);
            return Query(answer.Headers.Location!)["code"];
        }
        Task<ApiResponse> Token(object body) => server.Anonymous().PostJson("/oauth/token", body);
        object Exchange(string code) => new { grant_type = "authorization_code", client_id = clientId, client_secret = secret, code, redirect_uri = Callback };
        object Refresh(string token) => new { grant_type = "refresh_token", client_id = clientId, client_secret = secret, refresh_token = token };
        HttpClient Bearer(string token)
        {
            var client = server.Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        var stale = await CodeAsync();
        clock.Skip(TimeSpan.FromMinutes(11));
        ExpectOAuthError(await Token(Exchange(stale)), HttpStatusCode.Forbidden, "invalid_grant");

        var tokens = (await Token(Exchange(await CodeAsync()))).Expect(HttpStatusCode.OK).Json!;
        var access = (string)tokens["access_token"]!;
        (await Bearer(access).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        clock.Skip(TimeSpan.FromMinutes(61));
        (await Bearer(access).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.Unauthorized);

        // The refresh token outlives the access token...
        var refreshed = (await Token(Refresh((string)tokens["refresh_token"]!))).Expect(HttpStatusCode.OK).Json!;
        (await Bearer((string)refreshed["access_token"]!).Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        // ...until it lies unused for 90 days.
        clock.Skip(TimeSpan.FromDays(91));
        ExpectOAuthError(await Token(Refresh((string)refreshed["refresh_token"]!)), HttpStatusCode.Forbidden, "invalid_grant");
    }

    [SkippableFact]
    public async Task A_spent_refresh_token_revokes_its_family_only_after_the_grace_period()
    {
        var clock = new SkippingClock();
        await using var server = new QuireServer(Server.Engine, await Fixture.FreshDatabaseAsync(),
            configure: builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var app = (await server.Admin().PostJson("/wiki/rest/api/admin/oauth-apps", new
        {
            name = "Grace", callbackUrls = new[] { Callback }, scopes = new[] { "read:confluence-user", "offline_access" },
        })).Expect(HttpStatusCode.Created).Json!;
        var (clientId, secret) = ((string)app["clientId"]!, (string)app["clientSecret"]!);
        var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var consent = await ConsentAsync(browser, AuthorizeUrl(clientId, "read:confluence-user offline_access"), QuireServer.AdminEmail, QuireServer.AdminToken);
        Task<ApiResponse> Token(object body) => server.Anonymous().PostJson("/oauth/token", body);
        Task<ApiResponse> Refresh(string token) =>
            Token(new { grant_type = "refresh_token", client_id = clientId, client_secret = secret, refresh_token = token });
        var first = (string)(await Token(new
        {
            grant_type = "authorization_code", client_id = clientId, client_secret = secret, code = Query(consent.Headers.Location!)["code"], redirect_uri = Callback,
        })).Expect(HttpStatusCode.OK).Json!["refresh_token"]!;

        // Presented again 50 seconds after its rotation (a retry after a lost answer): refused, the family kept.
        var second = (string)(await Refresh(first)).Expect(HttpStatusCode.OK).Json!["refresh_token"]!;
        clock.Skip(TimeSpan.FromSeconds(50));
        ExpectOAuthError(await Refresh(first), HttpStatusCode.Forbidden, "invalid_grant");
        var third = (await Refresh(second)).Expect(HttpStatusCode.OK).Json!;
        var access = server.Anonymous();
        access.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)third["access_token"]!);
        (await access.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);

        // After the grace period, reuse means a copy is in other hands: the whole family goes.
        clock.Skip(TimeSpan.FromSeconds(70));
        ExpectOAuthError(await Refresh(second), HttpStatusCode.Forbidden, "invalid_grant");
        ExpectOAuthError(await Refresh((string)third["refresh_token"]!), HttpStatusCode.Forbidden, "invalid_grant");
        (await access.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OAuthExpiryTestsOnSqlite(SqliteServerFixture fixture) : OAuthExpiryTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OAuthExpiryTestsOnPostgres(PostgresServerFixture fixture) : OAuthExpiryTests(fixture);
