using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Spaces;
using Quire.Api.Tests.Webhooks;
using static Quire.Api.Tests.Content.ContentTestSupport;

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
        var appsWebhook = webhooks.Single(w => ((string?)w!["url"])!.StartsWith(app.BaseUrl + "/hooks/page-created", StringComparison.Ordinal))!;
        // It follows the descriptor: the admin API neither edits nor deletes it.
        var edit = await Admin.PutJson($"/wiki/rest/api/webhooks/{appsWebhook["id"]}", new { name = "mine", url = "https://elsewhere.test/", events = new[] { "page_created" } });
        Assert.Contains(app.Key, edit.ExpectError(HttpStatusCode.Conflict).ErrorMessage);
        (await Admin.Delete($"/wiki/rest/api/webhooks/{appsWebhook["id"]}")).ExpectError(HttpStatusCode.Conflict);
        Assert.StartsWith(app.BaseUrl, (string?)(await Admin.Get($"/wiki/rest/api/webhooks/{appsWebhook["id"]}")).Expect(HttpStatusCode.OK).Json!["url"]);
        (await Admin.Delete($"{Plugins}{app.Key}-key")).Expect(HttpStatusCode.NoContent);
        webhooks = (await Admin.Get("/wiki/rest/api/webhooks?limit=100")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.DoesNotContain(webhooks, w => ((string?)w!["url"])!.StartsWith(app.BaseUrl, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_app_hears_only_of_what_its_user_may_view()
    {
        var app = await InstalledAppAsync(["READ"], [("page_created", "/hooks/created"), ("page_updated", "/hooks/updated"), ("page_removed", "/hooks/removed")]);
        var open = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(open);
        var @private = await Admin.SharedSpaceAsync([]); // the admin alone may read it
        var seen = await PageAsync(open, "Seen");
        var hidden = await PageAsync(@private, "In a private space");
        var restricted = await PageAsync(open, "Restricted later");
        await Admin.RestrictAsync(restricted.ToString(CultureInfo.InvariantCulture), RestrictionTestSupport.Entry("read", [await AdminAccountIdAsync()]));
        (await Admin.PutJson($"{ContentUrl}/{restricted}", new
        {
            type = "page", title = "Restricted later, edited", version = new { number = 2 },
            body = new { storage = new { value = "<p>Secret</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);

        // Withheld deliveries are logged, finished, with the reason, and never sent (nor sent again on request).
        var created = await AppWebhookIdAsync(app, "/hooks/created");
        var updated = await AppWebhookIdAsync(app, "/hooks/updated");
        var withheldCreation = Assert.Single(await WithheldAsync(created));
        Assert.Equal("page_created", (string?)withheldCreation["event"]);
        Assert.Equal(0, (int?)withheldCreation["attempts"]);
        Assert.NotNull(withheldCreation["finishedDate"]);
        Assert.Contains("may not view", (string?)withheldCreation["lastError"]);
        Assert.Equal("page_updated", (string?)Assert.Single(await WithheldAsync(updated))["event"]);
        var redeliver = await Admin.PostJson($"/wiki/rest/api/webhooks/{created}/deliveries/{withheldCreation["id"]}/redeliver", new { });
        Assert.Contains("withheld", redeliver.ExpectError(HttpStatusCode.Conflict).ErrorMessage);

        // Granted read on the private space, the app hears of what happens there from then on.
        var appUser = await AppUserAccountIdAsync(app);
        (await Admin.PostJson($"/wiki/rest/api/space/{@private}/permission", new
        {
            subject = new { type = "user", identifier = appUser }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);
        var laterInPrivate = await PageAsync(@private, "After the grant");

        await app.WaitForAsync(a => Ids(a, "created").Contains(laterInPrivate) && Ids(a, "created").Contains(restricted), "the visible pages' page_created");
        Assert.Contains(seen, Ids(app, "created"));
        Assert.DoesNotContain(hidden, Ids(app, "created"));
        Assert.DoesNotContain(restricted, Ids(app, "updated"));
        // The page made after the grant was not withheld: the one withheld creation is still the one from before.
        Assert.Single(await LogAsync(created, "withheld"));

        // A purge is checked before the page goes: the app hears of a visible page's removal.
        (await Admin.Delete($"{ContentUrl}/{seen}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{ContentUrl}/{seen}?status=trashed")).Expect(HttpStatusCode.NoContent);
        await app.WaitForAsync(a => Ids(a, "removed").Contains(seen), "the visible page's page_removed");
    }

    private async Task<long> PageAsync(string space, string title) => long.Parse((string)(await Admin.PostJson(ContentUrl, new
    {
        type = "page", title, space = new { key = space },
        body = new { storage = new { value = "<p>Hi</p>", representation = "storage" } },
    })).Expect(HttpStatusCode.OK).Json!["id"]!);

    private async Task<string> AdminAccountIdAsync() => (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;

    private async Task<string> AppUserAccountIdAsync(SimulatedConnectApp app) =>
        (string)(await Admin.Get($"{Plugins}{app.Key}-key")).Expect(HttpStatusCode.OK).Json!["appUser"]!["accountId"]!;

    private async Task<long> AppWebhookIdAsync(SimulatedConnectApp app, string path)
    {
        var webhooks = (await Admin.Get("/wiki/rest/api/webhooks?limit=100")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        return (long)webhooks.Single(w => ((string?)w!["url"])!.StartsWith(app.BaseUrl + path, StringComparison.Ordinal))!["id"]!;
    }

    /// <summary>The webhook's withheld deliveries, once fanning out has written them (the dispatcher does it shortly after the change).</summary>
    private async Task<IReadOnlyList<JsonNode>> WithheldAsync(long webhookId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var log = await LogAsync(webhookId, "withheld");
            if (log.Count > 0 || DateTime.UtcNow > deadline) return log;
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<JsonNode>> LogAsync(long webhookId, string state) =>
        [.. (await Admin.Get($"/wiki/rest/api/webhooks/{webhookId}/deliveries?state={state}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(d => d!)];

    /// <summary>The page ids the app's webhook at <c>/hooks/{path}</c> has received.</summary>
    private static List<long> Ids(SimulatedConnectApp app, string path) =>
        [.. app.Webhooks.Where(w => w.Path == path).Select(w => Body(w)?["page"]?["id"]?.GetValue<long>() ?? 0)];

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
