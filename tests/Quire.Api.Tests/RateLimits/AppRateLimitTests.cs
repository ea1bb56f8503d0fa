using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using Quire.Core.Apps;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.RateLimits;

namespace Quire.Api.Tests.RateLimits;

/// <summary>
/// The per-app budget over HTTP: one budget for all the users an app acts for, apart from each user's
/// own. The app callers come through the seam's <see cref="ICredentialScheme"/> and <see cref="Caller.App"/>
/// (a test scheme stands in for OAuth and Connect sign-in, which have their own tests).
/// </summary>
public abstract class AppRateLimitTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string CurrentUser = "/wiki/rest/api/user/current";

    /// <summary>
    /// <c>Authorization: Bearer ratetest.{appKey}.{base64 of email:password}</c>: the user signs in as
    /// with Basic, then acts through a Connect app of that key holding READ.
    /// </summary>
    private sealed class TestAppCredentials : ICredentialScheme
    {
        public string Scheme => "Bearer";

        public async ValueTask<CredentialResult> AuthenticateAsync(string credential, HttpContext context)
        {
            if (credential.Split('.') is not ["ratetest", var appKey, var basic]) return CredentialResult.NotMine;
            var signedIn = await new BasicCredentials().AuthenticateAsync(basic, context);
            return signedIn.Caller is { } caller
                ? CredentialResult.SignedIn(caller.ThroughApp(new AppAccess(AppKind.Connect, appKey, new HashSet<string> { "READ" })))
                : signedIn;
        }
    }

    private static HttpClient Through(QuireServer server, string appKey, TestUser user)
    {
        var client = server.Anonymous();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Email}:pw-{user.UserName["user".Length..]}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"ratetest.{appKey}.{basic}");
        return client;
    }

    [SkippableFact]
    public async Task An_apps_budget_is_shared_by_its_users_and_limits_neither_them_directly_nor_other_apps()
    {
        _ = Server;
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:RateLimits:PerUser:TokenLimit"] = "100";
        settings["Quire:RateLimits:PerUser:TokensPerPeriod"] = "1";
        settings["Quire:RateLimits:PerUser:PeriodSeconds"] = "3600";
        settings["Quire:RateLimits:PerApp:TokenLimit"] = "3";
        settings["Quire:RateLimits:PerApp:TokensPerPeriod"] = "1";
        settings["Quire:RateLimits:PerApp:PeriodSeconds"] = "3600";
        await using var server = new QuireServer(Server.Engine, settings, configure: builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ICredentialScheme, TestAppCredentials>()));
        var alice = await server.NewUserAsync();
        var bob = await server.NewUserAsync();

        // Through the app, the answers name the app's budget (the smaller share left of the two).
        var first = (await Through(server, "app-one", alice).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal(alice.AccountId, (string?)first.Json!["accountId"]);
        Assert.Equal(("3", "2"), (ResponseHeader.Of(first, "X-RateLimit-Limit"), ResponseHeader.Of(first, "X-RateLimit-Remaining")));
        (await Through(server, "app-one", bob).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        var last = (await Through(server, "app-one", bob).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal(("0", "true"), (ResponseHeader.Of(last, "X-RateLimit-Remaining"), ResponseHeader.Of(last, "X-RateLimit-NearLimit")));

        // Spent by two users together: both are refused through that app, with the app's reason.
        foreach (var user in new[] { alice, bob })
        {
            var refused = (await Through(server, "app-one", user).Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
            Assert.Equal(RateLimitReasons.TenantQuota, ResponseHeader.Of(refused, "RateLimit-Reason"));
            Assert.Equal("3", ResponseHeader.Of(refused, "X-RateLimit-Limit"));
            Assert.NotNull(refused.Message.Headers.RetryAfter?.Delta);
            Assert.Contains("this app", refused.ErrorMessage);
        }

        // Another app, and the users signing in themselves, have budgets of their own.
        (await Through(server, "app-two", alice).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        var direct = (await alice.Client.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal("100", ResponseHeader.Of(direct, "X-RateLimit-Limit"));
        // Every call of hers spent a token of her own budget too, the one the app refused included: 4.
        Assert.Equal("96", ResponseHeader.Of(direct, "X-RateLimit-Remaining"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppRateLimitTestsOnSqlite(SqliteServerFixture fixture) : AppRateLimitTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AppRateLimitTestsOnPostgres(PostgresServerFixture fixture) : AppRateLimitTests(fixture);
