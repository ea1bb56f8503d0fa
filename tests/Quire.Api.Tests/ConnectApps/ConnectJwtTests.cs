using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Webhooks;

namespace Quire.Api.Tests.ConnectApps;

/// <summary>
/// Requests an installed app signs with a Connect JWT: the signature, expiry and query string hash are
/// checked (401 otherwise), the app acts as its own user with the permissions granted to it, and its
/// descriptor's scopes narrow what it may call (403).
/// </summary>
public abstract class ConnectJwtTests(ServerFixture fixture) : ConnectAppTest(fixture)
{
    [SkippableFact]
    public async Task A_request_signed_with_the_shared_secret_and_the_right_qsh_acts_as_the_app_user()
    {
        var app = await InstalledAppAsync(["READ"]);
        var me = (await AsAppAsync(app, HttpMethod.Get, "/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("app", (string?)me["accountType"]);
        Assert.Equal("Simulated " + app.Key, (string?)me["displayName"]);

        // The jwt query parameter is left out of the hash; the issuer may be the client key as well as the app key.
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=2&start=0", inQuery: true)).Expect(HttpStatusCode.OK);
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=2",
            jwt: app.Sign("GET", "/rest/api/space", "limit=2", issuer: app.ClientKey))).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_wrong_qsh_secret_issuer_or_an_expired_token_is_refused_with_401()
    {
        var app = await InstalledAppAsync(["READ"]);
        var other = await InstalledAppAsync(["READ"]);
        var refusals = new[]
        {
            ("qsh of another query", app.Sign("GET", "/rest/api/space", "limit=1")),
            ("qsh of another path", app.Sign("GET", "/rest/api/content", "limit=2")),
            ("qsh of another method", app.Sign("POST", "/rest/api/space", "limit=2")),
            ("context qsh", app.Sign("GET", "/rest/api/space", "limit=2", qsh: "context-qsh")),
            ("wrong secret", app.Sign("GET", "/rest/api/space", "limit=2", secret: new string('x', 43))),
            ("expired", app.Sign("GET", "/rest/api/space", "limit=2", expiresIn: TimeSpan.FromMinutes(-5))),
            ("unknown issuer", app.Sign("GET", "/rest/api/space", "limit=2", issuer: "no-such-app")),
            ("another app's key with this app's secret", app.Sign("GET", "/rest/api/space", "limit=2", issuer: other.Key)),
            ("no JWT at all", "not.a.jwt"),
        };
        foreach (var (why, jwt) in refusals)
        {
            var answer = await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=2", jwt: jwt);
            Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{why}: {answer.Status} {answer.Body}");
            Assert.Equal(401, (int?)answer.Json!["statusCode"]);
        }
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=2")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Tokens_signed_with_another_algorithm_are_refused_with_401_even_with_the_right_secret()
    {
        var app = await InstalledAppAsync(["READ"]);
        var rsa = RSA.Create(2048);
        var secret = Encoding.UTF8.GetBytes(app.SharedSecret!);
        var refusals = new[]
        {
            ("alg none", Token(app, "none", _ => [])),
            ("HS512 with the shared secret", Token(app, "HS512", data => HMACSHA512.HashData(secret, data))),
            ("RS256", Token(app, "RS256", data => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))),
        };
        foreach (var (why, jwt) in refusals)
        {
            var answer = await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=2", jwt: jwt);
            Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"{why}: {answer.Status} {answer.Body}");
        }
        // The same claims signed HS256 with the same secret pass, so only the algorithm was wrong.
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=2",
            jwt: Token(app, "HS256", data => HMACSHA256.HashData(secret, data)))).Expect(HttpStatusCode.OK);
    }

    /// <summary>A token for <c>GET /rest/api/space?limit=2</c> written by hand, so any <c>alg</c> header can be given.</summary>
    private static string Token(SimulatedConnectApp app, string alg, Func<byte[], byte[]> sign)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        var claims = new JsonObject
        {
            ["iss"] = app.Key, ["iat"] = now, ["exp"] = now + 180, ["qsh"] = SimulatedConnectApp.Qsh("GET", "/rest/api/space", "limit=2"),
        };
        var signed = Base64Url(header.ToJsonString()) + "." + Base64Url(claims.ToJsonString());
        return signed + "." + System.Buffers.Text.Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(signed)));
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    [SkippableFact]
    public async Task The_descriptors_scopes_limit_what_the_app_may_call()
    {
        var reader = await InstalledAppAsync(["READ"]);
        var key = "CA" + Unique().ToUpperInvariant()[..8];
        var refused = await AsAppAsync(reader, HttpMethod.Post, "/rest/api/space", body: new { key, name = "By an app" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        (await Admin.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);

        var writer = await InstalledAppAsync(["WRITE"]);
        (await AsAppAsync(writer, HttpMethod.Post, "/rest/api/space", body: new { key, name = "By an app" })).Expect(HttpStatusCode.OK);
        // WRITE includes READ.
        (await AsAppAsync(writer, HttpMethod.Get, $"/rest/api/space/{key}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Scopes_do_not_grant_permissions_the_app_user_lacks()
    {
        var app = await InstalledAppAsync(["READ"]);
        var key = "CP" + Unique().ToUpperInvariant()[..8];
        (await Admin.PostJson("/wiki/rest/api/space/_private", new { key, name = "Private" })).Expect(HttpStatusCode.OK);
        (await AsAppAsync(app, HttpMethod.Get, $"/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);

        var appUser = (string)(await AsAppAsync(app, HttpMethod.Get, "/rest/api/user/current")).Json!["accountId"]!;
        (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission",
            new { subject = new { type = "user", identifier = appUser }, operation = new { key = "read", target = "space" } })).Expect(HttpStatusCode.OK);
        (await AsAppAsync(app, HttpMethod.Get, $"/rest/api/space/{key}")).Expect(HttpStatusCode.OK);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class ConnectJwtTestsOnSqlite(SqliteWebhookFixture fixture) : ConnectJwtTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class ConnectJwtTestsOnPostgres(PostgresWebhookFixture fixture) : ConnectJwtTests(fixture);
