using System.Net;
using System.Net.Http.Headers;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.OAuth;
using Quire.Server.RateLimits;

namespace Quire.Api.Tests.RateLimits;

/// <summary>
/// The per-app budget with real OAuth 2.0 access tokens: two users' tokens of one app spend one
/// budget. On servers of their own, whose app budget holds three requests and barely refills.
/// </summary>
public abstract class OAuthAppRateLimitTests(ServerFixture fixture) : OAuthTest(fixture)
{
    private const string CurrentUser = "/wiki/rest/api/user/current";
    private const string Scope = "read:confluence-user";

    private HttpClient Bearer(string token)
    {
        var client = Server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [SkippableFact]
    public async Task Two_users_tokens_of_one_oauth_app_spend_one_budget()
    {
        var app = await RegisterAppAsync([Scope]);
        var alice = await NewUserAsync();
        var bob = await NewUserAsync();
        var aliceToken = Bearer(await MintAsync(app.ClientId, alice.Email, [Scope]));
        var bobToken = Bearer(await MintAsync(app.ClientId, bob.Email, [Scope]));

        var first = (await aliceToken.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal(alice.AccountId, (string?)first.Json!["accountId"]);
        Assert.Equal(("3", "2"), (ResponseHeader.Of(first, "X-RateLimit-Limit"), ResponseHeader.Of(first, "X-RateLimit-Remaining")));
        (await bobToken.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        (await aliceToken.Get(CurrentUser)).Expect(HttpStatusCode.OK);

        var refused = (await bobToken.Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        Assert.Equal(RateLimitReasons.TenantQuota, ResponseHeader.Of(refused, "RateLimit-Reason"));
        Assert.Equal("3", ResponseHeader.Of(refused, "X-RateLimit-Limit"));
        Assert.NotNull(refused.Message.Headers.RetryAfter?.Delta);

        // The users themselves, with Basic, are not limited by their app's budget.
        var direct = (await bob.Client.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal("5000", ResponseHeader.Of(direct, "X-RateLimit-Limit"));
    }
}

/// <summary>An app budget of three requests that barely refills (one an hour); users keep the default budget.</summary>
public static class SmallAppBudget
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        // Stated, since the shared servers otherwise run without a per-user budget (ServerFixture.SharedServerSettings).
        ["Quire:RateLimits:PerUser:TokenLimit"] = "5000",
        ["Quire:RateLimits:PerApp:TokenLimit"] = "3",
        ["Quire:RateLimits:PerApp:TokensPerPeriod"] = "1",
        ["Quire:RateLimits:PerApp:PeriodSeconds"] = "3600",
    };
}

public sealed class SqliteSmallAppBudgetFixture : SqliteServerFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => SmallAppBudget.Settings;
}

public sealed class PostgresSmallAppBudgetFixture : PostgresServerFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => SmallAppBudget.Settings;
}

[CollectionDefinition(Name)]
public sealed class SqliteSmallAppBudgetCollection : ICollectionFixture<SqliteSmallAppBudgetFixture>
{
    public const string Name = "rate-limits-app-sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresSmallAppBudgetCollection : ICollectionFixture<PostgresSmallAppBudgetFixture>
{
    public const string Name = "rate-limits-app-postgres";
}

[Collection(SqliteSmallAppBudgetCollection.Name)]
public sealed class OAuthAppRateLimitTestsOnSqlite(SqliteSmallAppBudgetFixture fixture) : OAuthAppRateLimitTests(fixture);

[Collection(PostgresSmallAppBudgetCollection.Name)]
public sealed class OAuthAppRateLimitTestsOnPostgres(PostgresSmallAppBudgetFixture fixture) : OAuthAppRateLimitTests(fixture);
