using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Webhooks;

namespace Quire.Api.Tests.ConnectApps;

/// <summary>
/// Descriptor webhooks, delivered by the webhook dispatcher signed with a Connect JWT, and user
/// impersonation (ACT_AS_USER): a JWT bearer assertion exchanged at <c>/oauth2/token</c> for a Bearer token.
/// </summary>
public abstract class ConnectWebhookAndImpersonationTests(ServerFixture fixture) : ConnectAppTest(fixture)
{
    [SkippableFact]
    public async Task A_descriptor_webhook_arrives_signed_with_a_jwt_and_stops_with_the_app()
    {
        var app = await StartAppAsync(["READ"], [("page_created", "/hooks/page-created?source=quire")]);
        app.Descriptor["modules"]!["webhooks"]!.AsArray().Add(new JsonObject { ["event"] = "page_created", ["url"] = "/hooks/no-body", ["excludeBody"] = true });
        await InstallAsync(app);
        var key = "CW" + Unique().ToUpperInvariant()[..8];
        (await Admin.PostJson("/wiki/rest/api/space", new { key, name = "Webhooks to apps" })).Expect(HttpStatusCode.OK);
        var page = (await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title = "For the app", space = new { key },
            body = new { storage = new { value = "<p>Hi</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK).Json!;
        var id = long.Parse((string)page["id"]!);

        await app.WaitForAsync(a => a.Webhooks.Any(w => Body(w)?["page"]?["id"]?.GetValue<long>() == id), "the page_created webhook");
        var received = app.Webhooks.First(w => Body(w)?["page"]?["id"]?.GetValue<long>() == id);
        Assert.Equal("page-created", received.Path);
        Assert.Equal("page_created", received.Event);
        Assert.Equal(app.ClientKey, received.Token.Issuer);
        Assert.Equal(key, (string?)Body(received)!["page"]!["spaceKey"]);
        // excludeBody: the same event, signed, without its body.
        await app.WaitForAsync(a => a.Webhooks.Any(w => w.Path == "no-body"), "the page_created webhook without a body");
        Assert.All(app.Webhooks.Where(w => w.Path == "no-body"), w => Assert.Equal("", w.Body));
        Assert.Empty(app.Failures);

        // The app's webhook is listed among the site's webhooks (its delivery log is there), and goes with the app.
        var webhooks = (await Admin.Get("/wiki/rest/api/webhooks?limit=100")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Contains(webhooks, w => ((string?)w!["url"])!.StartsWith(app.BaseUrl + "/hooks/page-created", StringComparison.Ordinal));
        (await Admin.Delete($"{Plugins}{app.Key}-key")).Expect(HttpStatusCode.NoContent);
        webhooks = (await Admin.Get("/wiki/rest/api/webhooks?limit=100")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.DoesNotContain(webhooks, w => ((string?)w!["url"])!.StartsWith(app.BaseUrl, StringComparison.Ordinal));
    }

    private static JsonNode? Body(AppWebhook webhook) => webhook.Body.Length == 0 ? null : JsonNode.Parse(webhook.Body);

    [SkippableFact]
    public async Task An_app_with_act_as_user_gets_a_token_that_acts_as_the_user_within_its_scopes()
    {
        var app = await InstalledAppAsync(["READ", "ACT_AS_USER"]);
        var user = await NewUserAsync("Impersonated");
        var token = await TokenAsync(app.Assertion(user.AccountId, "https://oauth-2-authorization-server.services.atlassian.com"));
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal("Bearer", (string?)token.Json!["token_type"]);
        Assert.True((int?)token.Json["expires_in"] > 0);
        var accessToken = (string)token.Json["access_token"]!;

        var client = Server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var me = (await client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(user.AccountId, (string?)me["accountId"]);
        // The app's scopes still apply: READ does not allow creating a space, even for a user who may.
        (await client.PostJson("/wiki/rest/api/space", new { key = "IM" + Unique().ToUpperInvariant()[..8], name = "No" }))
            .ExpectError(HttpStatusCode.Forbidden);

        // Disabled, the app's tokens stop working.
        (await Admin.PutJson($"{Plugins}{app.Key}-key", new { enabled = false })).Expect(HttpStatusCode.OK);
        (await client.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Impersonation_is_refused_with_oauth_errors()
    {
        var plain = await InstalledAppAsync(["READ"]);
        var actor = await InstalledAppAsync(["READ", "ACT_AS_USER"]);
        var user = await NewUserAsync();
        const string audience = "https://oauth-2-authorization-server.services.atlassian.com";

        Assert.Equal("unauthorized_client", (string?)(await TokenAsync(plain.Assertion(user.AccountId, audience))).Json!["error"]);
        Assert.Equal("invalid_grant", (string?)(await TokenAsync(actor.Assertion(user.AccountId, audience, secret: new string('x', 43)))).Json!["error"]);
        Assert.Equal("invalid_grant", (string?)(await TokenAsync(actor.Assertion("no-such-account", audience))).Json!["error"]);
        Assert.Equal("invalid_grant", (string?)(await TokenAsync(actor.Assertion(user.AccountId, "https://elsewhere.test"))).Json!["error"]);
        Assert.Equal("invalid_client", (string?)(await TokenAsync(actor.Assertion(user.AccountId, audience, oauthClientId: "unknown"))).Json!["error"]);
        Assert.Equal("invalid_scope", (string?)(await TokenAsync(actor.Assertion(user.AccountId, audience), scope: "READ ADMIN")).Json!["error"]);
        Assert.Equal("unsupported_grant_type", (string?)(await TokenAsync(actor.Assertion(user.AccountId, audience), grantType: "password")).Json!["error"]);

        var client = Server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "qci_not-a-token");
        (await client.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
    }

    private async Task<ApiResponse> TokenAsync(string assertion, string? scope = null, string grantType = "urn:ietf:params:oauth:grant-type:jwt-bearer")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType, ["assertion"] = assertion };
        if (scope is not null) form["scope"] = scope;
        return await Server.Anonymous().Call(HttpMethod.Post, "/oauth2/token", new FormUrlEncodedContent(form));
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class ConnectWebhookAndImpersonationTestsOnSqlite(SqliteWebhookFixture fixture) : ConnectWebhookAndImpersonationTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class ConnectWebhookAndImpersonationTestsOnPostgres(PostgresWebhookFixture fixture) : ConnectWebhookAndImpersonationTests(fixture);
