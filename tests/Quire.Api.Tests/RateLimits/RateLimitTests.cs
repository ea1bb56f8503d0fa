using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using Quire.Server.RateLimits;

namespace Quire.Api.Tests.RateLimits;

/// <summary>
/// Rate limits (issue 18): a spent budget answers Cloud's 429 (Retry-After, the X-RateLimit-* headers,
/// RateLimit-Reason, the API's error body on v1 and v2); allowed answers carry the limit and what is
/// left; one user's spent budget limits nobody else; buckets refill; injected 429s hit the configured
/// share of requests before anything runs. Each test runs on a server of its own with small budgets.
/// </summary>
public abstract class RateLimitTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string CurrentUser = "/wiki/rest/api/user/current";
    private const string V2Spaces = "/wiki/api/v2/spaces";

    /// <summary>A server whose per-user budget holds <paramref name="tokens"/> and barely refills (one token an hour), unless told otherwise.</summary>
    private async Task<QuireServer> OwnServerAsync(
        int tokens = 3, int tokensPerPeriod = 1, double periodSeconds = 3600,
        IReadOnlyDictionary<string, string?>? more = null, RateLimitDice? dice = null)
    {
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:RateLimits:PerUser:TokenLimit"] = tokens.ToString(CultureInfo.InvariantCulture);
        settings["Quire:RateLimits:PerUser:TokensPerPeriod"] = tokensPerPeriod.ToString(CultureInfo.InvariantCulture);
        settings["Quire:RateLimits:PerUser:PeriodSeconds"] = periodSeconds.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        return new QuireServer(Server.Engine, settings, configure: builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFromHeader>();
            if (dice is not null) services.AddSingleton(dice);
        }));
    }

    /// <summary>Cloud's 429: the wait, when it ends, the budget, none left, the early warning and the reason.</summary>
    private static void AssertCloudsTooManyRequests(ApiResponse refused, int limit, string reason, int maxSeconds)
    {
        var retryAfter = refused.Message.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, maxSeconds);
        var reset = ResponseHeader.Of(refused, "X-RateLimit-Reset");
        Assert.NotNull(reset);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$", reset);
        Assert.True(DateTimeOffset.ParseExact(reset!, "yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                    > DateTimeOffset.UtcNow.AddMinutes(-2), $"The reset {reset} lies in the past.");
        Assert.Equal(limit.ToString(CultureInfo.InvariantCulture), ResponseHeader.Of(refused, "X-RateLimit-Limit"));
        Assert.Equal("0", ResponseHeader.Of(refused, "X-RateLimit-Remaining"));
        Assert.Equal("true", ResponseHeader.Of(refused, "X-RateLimit-NearLimit"));
        Assert.Equal(reason, ResponseHeader.Of(refused, "RateLimit-Reason"));
        Assert.Contains("try again in", refused.ErrorMessage);
    }

    [SkippableFact]
    public async Task A_spent_user_budget_answers_429_with_Clouds_headers_and_v1_error_body()
    {
        _ = Server;
        await using var server = await OwnServerAsync(tokens: 3);
        var user = await server.NewUserAsync();

        // Each allowed answer says the budget and what is left; under 20% left it warns.
        var remaining = new List<(string? Remaining, string? Near)>();
        for (var i = 0; i < 3; i++)
        {
            var allowed = (await user.Client.Get(CurrentUser)).Expect(HttpStatusCode.OK);
            Assert.Equal("3", ResponseHeader.Of(allowed, "X-RateLimit-Limit"));
            Assert.Null(allowed.Message.Headers.RetryAfter);
            Assert.Null(ResponseHeader.Of(allowed, "RateLimit-Reason"));
            remaining.Add((ResponseHeader.Of(allowed, "X-RateLimit-Remaining"), ResponseHeader.Of(allowed, "X-RateLimit-NearLimit")));
        }
        Assert.Equal([("2", null), ("1", null), ("0", "true")], remaining);

        var refused = (await user.Client.Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too Many Requests", (string?)refused.Json!["reason"]);
        AssertCloudsTooManyRequests(refused, limit: 3, RateLimitReasons.Burst, maxSeconds: 3600);
        Assert.Contains("this user", refused.ErrorMessage);
    }

    [SkippableFact]
    public async Task A_spent_budget_answers_v2s_error_body_on_v2()
    {
        _ = Server;
        await using var server = await OwnServerAsync(tokens: 2);
        var user = await server.NewUserAsync();
        for (var i = 0; i < 2; i++)
            Assert.Equal("2", ResponseHeader.Of((await user.Client.Get(V2Spaces)).Expect(HttpStatusCode.OK), "X-RateLimit-Limit"));

        var refused = (await user.Client.Get(V2Spaces)).ExpectV2Error(HttpStatusCode.TooManyRequests);
        Assert.Equal("TOO_MANY_REQUESTS", (string?)refused.Json!["errors"]![0]!["code"]);
        AssertCloudsTooManyRequests(refused, limit: 2, RateLimitReasons.Burst, maxSeconds: 3600);
    }

    [SkippableFact]
    public async Task One_users_spent_budget_limits_nobody_else()
    {
        _ = Server;
        // Three tokens each: the admin's pay for making two users and the last check.
        await using var server = await OwnServerAsync(tokens: 3);
        var spender = await server.NewUserAsync();
        var other = await server.NewUserAsync();
        for (var i = 0; i < 3; i++) (await spender.Client.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        (await spender.Client.Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        // Writes are refused too, before they change anything.
        var key = "RL" + Unique()[..6].ToUpperInvariant();
        (await spender.Client.PostJson("/wiki/rest/api/space", new { key, name = "Never made" })).ExpectError(HttpStatusCode.TooManyRequests);

        // Another user has a budget of their own, and it was full.
        var allowed = (await other.Client.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal("2", ResponseHeader.Of(allowed, "X-RateLimit-Remaining"));
        Assert.Equal(other.AccountId, (string?)allowed.Json!["accountId"]);
        (await server.Admin().Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Callers_without_a_sign_in_are_counted_per_client_address()
    {
        _ = Server;
        await using var server = await OwnServerAsync(tokens: 2);
        HttpClient From(string address)
        {
            var client = server.SignedIn("nobody@example.test", "wrong");
            client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
            return client;
        }

        // Failed sign-ins spend their address's budget (a 401 each), then the address is refused unchecked.
        for (var i = 0; i < 2; i++) (await From("203.0.113.7").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
        var refused = (await From("203.0.113.7").Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        AssertCloudsTooManyRequests(refused, limit: 2, RateLimitReasons.Burst, maxSeconds: 3600);
        // The same IPv4 address mapped into IPv6 is the same client; an IPv6 /64 is one client.
        (await From("::ffff:203.0.113.7").Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        (await From("2001:db8:1:2::1").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
        (await From("2001:db8:1:2::2").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
        (await From("2001:db8:1:2:ffff::3").Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);

        // Another address is not limited by them, nor is a signed-in user from the same address.
        (await From("203.0.113.8").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
        var user = await server.NewUserAsync();
        user.Client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, "203.0.113.7");
        (await user.Client.Get(CurrentUser)).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_spent_budget_refills_with_time()
    {
        _ = Server;
        // Two tokens, refilled at two a second: spent at once, back within moments.
        await using var server = await OwnServerAsync(tokens: 2, tokensPerPeriod: 2, periodSeconds: 1);
        var user = await server.NewUserAsync();

        ApiResponse? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
            if ((await user.Client.Get(CurrentUser)) is { Status: HttpStatusCode.TooManyRequests } answer) refused = answer;
        Assert.NotNull(refused);
        Assert.Equal(TimeSpan.FromSeconds(1), refused!.Message.Headers.RetryAfter?.Delta);

        // Waiting as Retry-After says gets through again (polled, never timed).
        ApiResponse? again = null;
        for (var i = 0; i < 100 && again is null; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            if ((await user.Client.Get(CurrentUser)) is { Status: HttpStatusCode.OK } answer) again = answer;
        }
        Assert.NotNull(again);
        Assert.Equal("2", ResponseHeader.Of(again!, "X-RateLimit-Limit"));
    }

    [SkippableFact]
    public async Task The_default_budgets_are_generous_and_named_on_every_answer()
    {
        // A server of its own: the shared servers run without budgets (ServerFixture.SharedServerSettings).
        await using var server = new QuireServer(Server.Engine, await Fixture.FreshDatabaseAsync());
        var admin = server.Admin();
        var allowed = (await admin.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal("5000", ResponseHeader.Of(allowed, "X-RateLimit-Limit"));
        Assert.InRange(long.Parse(ResponseHeader.Of(allowed, "X-RateLimit-Remaining")!, CultureInfo.InvariantCulture), 0, 4999);
        // An error answer carries them too; health is never limited.
        var missing = (await admin.Get("/wiki/rest/api/content/999999999")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal("5000", ResponseHeader.Of(missing, "X-RateLimit-Limit"));
        var status = await server.Anonymous().Get("/status");
        Assert.Null(ResponseHeader.Of(status.Expect(HttpStatusCode.OK), "X-RateLimit-Limit"));
    }

    [SkippableFact]
    public async Task A_share_of_one_injects_429s_into_every_api_request_before_anything_runs()
    {
        _ = Server;
        await using var server = await OwnServerAsync(tokens: 1000, more: new Dictionary<string, string?>
        {
            ["Quire:RateLimits:InjectShare"] = "1",
            ["Quire:RateLimits:InjectRetryAfterSeconds"] = "7",
            ["Quire:RateLimits:InjectReason"] = "confluence-quota-global-based",
        });
        var refused = (await server.Admin().Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Message.Headers.RetryAfter?.Delta);
        AssertCloudsTooManyRequests(refused, limit: 1000, "confluence-quota-global-based", maxSeconds: 7);
        Assert.Contains("InjectShare", refused.ErrorMessage);
        (await server.Admin().Get(V2Spaces)).ExpectV2Error(HttpStatusCode.TooManyRequests);
        // Before sign-in: even wrong credentials get the 429, and nothing is counted against the login.
        (await server.SignedIn(QuireServer.AdminEmail, "wrong").Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        // Every route apps and clients call counts, not only the API's prefixes: none lets a caller step around its budget.
        foreach (var path in new[] { "/oauth2/token", "/wiki/rest/atlassian-connect/1/app/module/dynamic", "/wiki/rest/plugins/1.0/", "/wiki/download/attachments/1/a.txt", "/connect-install-keys/k" })
            Assert.Equal(HttpStatusCode.TooManyRequests, (await server.Admin().Call(HttpMethod.Get, path)).Status);
        (await server.Anonymous().Get("/status")).Expect(HttpStatusCode.OK);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await server.Anonymous().Get("/authorize")).Status);
    }

    [SkippableFact]
    public async Task Injected_429s_can_be_limited_to_some_paths_and_change_nothing()
    {
        _ = Server;
        await using var server = await OwnServerAsync(tokens: 1000, more: new Dictionary<string, string?>
        {
            ["Quire:RateLimits:InjectShare"] = "1",
            ["Quire:RateLimits:InjectPaths:0"] = "/wiki/rest/api/space",
        });
        var admin = server.Admin();
        var key = "RI" + Unique()[..6].ToUpperInvariant();
        (await admin.PostJson("/wiki/rest/api/space", new { key, name = "Never made" })).ExpectError(HttpStatusCode.TooManyRequests);
        (await admin.Get(CurrentUser)).Expect(HttpStatusCode.OK);
        var spaces = (await admin.Get($"{V2Spaces}?keys={key}")).Expect(HttpStatusCode.OK);
        Assert.Empty(spaces.Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_share_between_hits_the_requests_the_random_source_picks_and_zero_hits_none()
    {
        _ = Server;
        const int seed = 18;
        await using var server = await OwnServerAsync(tokens: 1000,
            more: new Dictionary<string, string?> { ["Quire:RateLimits:InjectShare"] = "0.3" }, dice: new RateLimitDice(new Random(seed)));
        var admin = server.Admin();
        var expected = new Random(seed);
        var statuses = new List<HttpStatusCode>();
        var predicted = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await admin.Get(CurrentUser)).Status);
            predicted.Add(expected.NextDouble() < 0.3 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);
        }
        Assert.Equal(predicted, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);

        // The default (share 0) injects nothing: the shared server answers every call.
        for (var i = 0; i < 40; i++) (await Admin.Get(CurrentUser)).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Wrong_settings_stop_the_server_with_the_key_to_fix()
    {
        _ = Server;
        await using var server = await OwnServerAsync(more: new Dictionary<string, string?> { ["Quire:RateLimits:InjectShare"] = "1.5" });
        var failure = Assert.ThrowsAny<Exception>(() => server.Server);
        Assert.Contains("Quire:RateLimits:InjectShare", failure.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RateLimitTestsOnSqlite(SqliteServerFixture fixture) : RateLimitTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RateLimitTestsOnPostgres(PostgresServerFixture fixture) : RateLimitTests(fixture);
