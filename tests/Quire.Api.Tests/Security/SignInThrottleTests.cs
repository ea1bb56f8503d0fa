using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using Quire.Core.Security;
using Quire.Storage.Users;

namespace Quire.Api.Tests.Security;

/// <summary>
/// Sign-in abuse (issue 12, item 6): failed sign-ins are throttled per login and per client address
/// (429 with Retry-After, Confluence's error body), the throttle's windows end on the server's clock
/// (a test clock here, no sleeping), unknown and known logins cost the same hash verification (counted
/// by an injected hasher), and API tokens are checked with a fast hash, upgrading old PBKDF2 ones.
/// Each test runs on a server of its own, so its clock and counts touch no other test.
/// </summary>
public abstract class SignInThrottleTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string CurrentUser = "/wiki/rest/api/user/current";

    /// <summary>The time the server sees: real time plus what a test has skipped.</summary>
    private sealed class SkippingClock : TimeProvider
    {
        private long _skippedTicks;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _skippedTicks));
        public void Skip(TimeSpan span) => Interlocked.Add(ref _skippedTicks, span.Ticks);
    }

    /// <summary>Counts the slow hash verifications sign-in asks for, and what they were checked against.</summary>
    private sealed class CountingHasher : CredentialHasher
    {
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);

        public override Task<bool> VerifyAsync(string? hash, string secret, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyAsync(hash, secret, ct);
        }
    }

    private sealed record Site(QuireServer Server, SkippingClock Clock, CountingHasher Hasher) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Server.DisposeAsync();

        /// <summary>A client signed in as <paramref name="login"/>, from <paramref name="address"/> (the test host has no connection address of its own).</summary>
        public HttpClient Client(string login, string secret, string address = "203.0.113.1")
        {
            var client = Server.SignedIn(login, secret);
            client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
            return client;
        }
    }

    private async Task<Site> SiteAsync(int perLogin = 10, int perAddress = 50, int windowSeconds = 300)
    {
        var clock = new SkippingClock();
        var hasher = new CountingHasher();
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:SignIn:MaxFailuresPerLogin"] = perLogin.ToString();
        settings["Quire:SignIn:MaxFailuresPerAddress"] = perAddress.ToString();
        settings["Quire:SignIn:FailureWindowSeconds"] = windowSeconds.ToString();
        var server = new QuireServer(Server.Engine, settings, configure: builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<CredentialHasher>(hasher);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        }));
        return new Site(server, clock, hasher);
    }

    private static async Task<(string Email, string Password)> UserAsync(QuireServer server)
    {
        var user = await server.NewUserAsync();
        return (user.Email, "pw-" + user.UserName["user".Length..]);
    }

    [SkippableFact]
    public async Task Two_hundred_wrong_guesses_throttle_the_login_until_the_window_ends()
    {
        _ = Server;
        await using var site = await SiteAsync();
        var (email, password) = await UserAsync(site.Server);
        var (otherEmail, otherPassword) = await UserAsync(site.Server);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
            statuses.Add((await site.Client(email, "guess-" + i, address: $"198.51.100.{i % 200 + 1}").Get(CurrentUser)).Status);
        // The first ten are checked (401), every later one is refused unchecked (429), from whatever address.
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.InRange(site.Hasher.Verifications, 10, 11);

        // The right password does not get through while the login is throttled, and says how long to wait.
        var refused = (await site.Client(email, password).Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        var retryAfter = refused.Message.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, 300);
        Assert.True(refused.Message.Headers.Contains("X-RateLimit-Reset"));
        Assert.Contains("try again", refused.ErrorMessage);

        // Another login is not blocked by it.
        (await site.Client(otherEmail, otherPassword).Get(CurrentUser)).Expect(HttpStatusCode.OK);

        // When the window has passed, the right password works again.
        site.Clock.Skip(TimeSpan.FromSeconds(301));
        (await site.Client(email, password).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        // And a success forgets the failures: one more wrong guess is a plain 401 again.
        (await site.Client(email, "wrong").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task The_login_is_throttled_case_insensitively_by_email_and_user_name_alike()
    {
        _ = Server;
        await using var site = await SiteAsync(perLogin: 3);
        var (email, password) = await UserAsync(site.Server);
        foreach (var login in new[] { email, email.ToUpperInvariant(), email })
            (await site.Client(login, "wrong").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
        (await site.Client(email.ToUpperInvariant(), password).Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
    }

    [SkippableFact]
    public async Task Failed_sign_ins_from_one_address_throttle_that_address_only()
    {
        _ = Server;
        await using var site = await SiteAsync(perLogin: 10, perAddress: 20);
        var (email, password) = await UserAsync(site.Server);
        // Many logins, a few guesses each (under the login limit), all from one address.
        for (var i = 0; i < 20; i++)
            (await site.Client($"someone{i % 7}@example.test", "guess", address: "192.0.2.7").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);

        var refused = (await site.Client(email, password, address: "192.0.2.7").Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Message.Headers.RetryAfter?.Delta);
        // The same user from another address signs in.
        (await site.Client(email, password, address: "192.0.2.8").Get(CurrentUser)).Expect(HttpStatusCode.OK);
        // IPv6 clients are counted per /64: another address of the same /64 is the same client.
        for (var i = 0; i < 20; i++)
            (await site.Client($"nobody{i}@example.test", "guess", address: $"2001:db8:1:2::{i + 1:x}").Get(CurrentUser))
                .ExpectError(HttpStatusCode.Unauthorized);
        (await site.Client(email, password, address: "2001:db8:1:2::ffff").Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        (await site.Client(email, password, address: "2001:db8:1:3::1").Get(CurrentUser)).Expect(HttpStatusCode.OK);

        site.Clock.Skip(TimeSpan.FromSeconds(301));
        (await site.Client(email, password, address: "192.0.2.7").Get(CurrentUser)).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Api_tokens_still_sign_in_while_the_login_is_throttled_but_a_cached_password_does_not()
    {
        _ = Server;
        await using var site = await SiteAsync(perLogin: 3);
        var (email, password) = await UserAsync(site.Server);
        var token = (string)(await site.Client(email, password).PostJson("/wiki/rest/quire/1/api-token", new { label = "ci" }))
            .Expect(HttpStatusCode.Created).Json!["token"]!;
        // The password is proven and cached now; then someone guesses.
        for (var i = 0; i < 3; i++)
            (await site.Client(email, "guess" + i).Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);

        // A right guess must not be told apart from a wrong one while throttled, cached or not.
        (await site.Client(email, password).Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        // A token cannot be guessed, so automation keeps working.
        (await site.Client(email, token).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        // Even a token not seen before (no cache entry) is checked, cheaply.
        var second = (string)(await site.Client(email, token).PostJson("/wiki/rest/quire/1/api-token", new { label = "ci2" }))
            .Expect(HttpStatusCode.Created).Json!["token"]!;
        var before = site.Hasher.Verifications;
        (await site.Client(email, second).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        // A wrong token while throttled is refused like a password.
        (await site.Client(email, second + "x").Get(CurrentUser)).ExpectError(HttpStatusCode.TooManyRequests);
        Assert.Equal(before, site.Hasher.Verifications);
    }

    [SkippableFact]
    public async Task Unknown_and_known_logins_cost_the_same_verification()
    {
        _ = Server;
        await using var site = await SiteAsync();
        var (email, _) = await UserAsync(site.Server);
        var tokenOnly = QuireServer.AdminEmail; // the bootstrap admin has an API token and no password

        foreach (var login in new[] { "nobody-" + Unique() + "@example.test", email, tokenOnly, "no-such-user-name" })
        {
            var before = site.Hasher.Verifications;
            (await site.Client(login, "wrong-secret", address: "192.0.2." + Random.Shared.Next(1, 250)).Get(CurrentUser))
                .ExpectError(HttpStatusCode.Unauthorized);
            // Exactly one PBKDF2 verification, whether the login exists, has a password, or not.
            Assert.Equal(1, site.Hasher.Verifications - before);
        }
    }

    [SkippableFact]
    public async Task Api_tokens_are_stored_as_a_fast_hash_and_old_slow_hashes_are_upgraded_on_first_use()
    {
        _ = Server;
        await using var site = await SiteAsync();
        var (email, password) = await UserAsync(site.Server);
        var token = (string)(await site.Client(email, password).PostJson("/wiki/rest/quire/1/api-token", new { label = "new" }))
            .Expect(HttpStatusCode.Created).Json!["token"]!;
        var tokenId = token.Split('_')[1];
        Assert.StartsWith("sha256:", await StoredHashAsync(site.Server, tokenId));
        var before = site.Hasher.Verifications;
        (await site.Client(email, token).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal(before, site.Hasher.Verifications); // no PBKDF2 for a token

        // A token stored by an earlier version: PBKDF2 of the whole token.
        var legacyId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);
        var legacy = $"qt_{legacyId}_legacy-secret-{Unique()}";
        var accountUserId = await UserIdAsync(site.Server, email);
        await using (var scope = site.Server.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ApiTokenStore>().InsertAsync(new ApiTokenRecord
            {
                TokenId = legacyId, UserId = accountUserId, Label = "old", SecretHash = new CredentialHasher().Hash(legacy), CreatedAt = 0,
            });
        (await site.Client(email, legacy + "x").Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("sha256:", await StoredHashAsync(site.Server, legacyId));
        (await site.Client(email, legacy).Get(CurrentUser)).Expect(HttpStatusCode.OK);
        Assert.Equal(ApiTokenService.FastHash(legacy), await StoredHashAsync(site.Server, legacyId));
    }

    private static async Task<string> StoredHashAsync(QuireServer server, string tokenId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ApiTokenStore>().FindAsync(tokenId))!.SecretHash;
    }

    private static async Task<long> UserIdAsync(QuireServer server, string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserStore>().FindByLoginAsync(email))!.Id;
    }

    [SkippableFact]
    public async Task Nul_characters_in_basic_credentials_answer_401_not_a_server_error()
    {
        foreach (var credentials in new[] { "admin\0@quire.test:secret", QuireServer.AdminEmail + ":tok\0en", "\0:\0" })
        {
            var client = Server.Anonymous();
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            var refused = (await client.Get(CurrentUser)).ExpectError(HttpStatusCode.Unauthorized);
            Assert.Contains("NUL", refused.ErrorMessage);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInThrottleTestsOnSqlite(SqliteServerFixture fixture) : SignInThrottleTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SignInThrottleTestsOnPostgres(PostgresServerFixture fixture) : SignInThrottleTests(fixture);
