using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Cli;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Webhooks;

namespace Quire.Api.Tests.ConnectApps;

/// <summary>
/// Installing Connect apps by descriptor (UPM's REST API and <c>quire app</c>): the signed lifecycle
/// callbacks, the app user, bad descriptors refused with nothing stored, site admins only.
/// </summary>
public abstract class ConnectAppInstallTests(ServerFixture fixture) : ConnectAppTest(fixture)
{
    [SkippableFact]
    public async Task Install_by_descriptor_url_sends_a_signed_installed_callback_then_enabled_and_lists_the_app()
    {
        var app = await StartAppAsync(["READ", "WRITE"]);
        var plugin = await InstallAsync(app);
        Assert.Empty(app.Failures);

        var installed = Assert.Single(app.Lifecycle, l => l.EventType == "installed");
        Assert.Equal(app.Key, (string?)installed.Payload["key"]);
        Assert.Equal("confluence", (string?)installed.Payload["productType"]);
        Assert.EndsWith("/wiki", (string?)installed.Payload["baseUrl"]);
        Assert.Equal("installed", (string?)installed.Payload["eventType"]);
        Assert.False(string.IsNullOrEmpty((string?)installed.Payload["cloudId"]));
        Assert.True(((string?)installed.Payload["sharedSecret"])!.Length >= 32);
        Assert.Equal(app.BaseUrl, Assert.Single(installed.Token.Audiences));
        await app.WaitForAsync(a => a.Lifecycle.Any(l => l.EventType == "enabled"), "the enabled callback");

        Assert.Equal(app.Key, (string?)plugin["key"]);
        Assert.True((bool?)plugin["enabled"]);
        Assert.Equal(app.ClientKey, (string?)plugin["clientKey"]);
        Assert.Equal(["READ", "WRITE"], plugin["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("app", (string?)plugin["appUser"]!["accountType"]);
        Assert.DoesNotContain("sharedSecret", plugin.ToJsonString());

        var list = (await Admin.Get(Plugins)).Expect(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(list.Message.Headers.GetValues("upm-token").Single()));
        Assert.Contains(list.Json!["plugins"]!.AsArray(), p => (string?)p!["key"] == app.Key);

        // The app's own user is a user of the site, of account type app, named after the app.
        var accountId = (string)plugin["appUser"]!["accountId"]!;
        var user = (await Admin.Get($"/wiki/rest/api/user?accountId={accountId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("app", (string?)user["accountType"]);
        Assert.Equal("Simulated " + app.Key, (string?)user["displayName"]);
    }

    [SkippableFact]
    public async Task An_install_whose_installed_callback_is_refused_stores_nothing()
    {
        var app = await StartAppAsync(["READ"]);
        app.InstalledAnswer = HttpStatusCode.InternalServerError;
        var refused = (await Admin.PostJson(Plugins, new { pluginUri = app.DescriptorUrl })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("answered 500", refused.ErrorMessage);
        (await Admin.Get($"{Plugins}{app.Key}-key")).ExpectError(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await Admin.Get(Plugins)).Json!["plugins"]!.AsArray(), p => (string?)p!["key"] == app.Key);
        Assert.DoesNotContain(app.Lifecycle, l => l.EventType == "enabled");

        app.InstalledAnswer = HttpStatusCode.OK;
        await InstallAsync(app);
        Assert.Empty(app.Failures);
    }

    [SkippableFact]
    public async Task Bad_descriptors_and_urls_are_refused_with_what_is_wrong()
    {
        var bad = (await Admin.PostJson(Plugins, new
        {
            descriptor = new { key = "no spaces allowed", baseUrl = "ftp://example.test", authentication = new { type = "none" }, scopes = new[] { "read", "teleport" } },
        })).ExpectError(HttpStatusCode.BadRequest);
        foreach (var part in new[] { "key", "baseUrl", "authentication.type", "lifecycle.installed", "teleport" }) Assert.Contains(part, bad.ErrorMessage);

        (await Admin.PostJson(Plugins, new { pluginUri = "file:///etc/passwd" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(Plugins, new { pluginUri = "http://127.0.0.1:1/atlassian-connect.json" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(Plugins, new { nothing = true })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, Plugins, "{\"pluginUri\": ")).ExpectError(HttpStatusCode.BadRequest);

        var app = await StartAppAsync(["READ"], modules: new JsonObject
        {
            ["webItems"] = new JsonArray(new JsonObject { ["key"] = "same" }, new JsonObject { ["key"] = "same" }),
        });
        var duplicate = (await Admin.PostJson(Plugins, new { pluginUri = app.DescriptorUrl })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("'same' is used twice", duplicate.ErrorMessage);

        // A descriptor larger than 1 MiB is not read to its end.
        app.Descriptor = new JsonObject { ["key"] = app.Key, ["description"] = new string('x', 1100 * 1024) };
        var large = (await Admin.PostJson(Plugins, new { pluginUri = app.DescriptorUrl })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("larger than", large.ErrorMessage);
        Assert.Empty(app.Lifecycle);
        (await Admin.Get($"{Plugins}{app.Key}-key")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_reinstall_posts_a_fresh_secret_and_keeps_the_live_one_until_it_succeeds()
    {
        var app = await InstalledAppAsync(["READ"]);
        var live = app.SharedSecret!;
        Assert.Equal(live, Assert.Single(app.InstalledSecrets));

        // A reinstall the app refuses: the secret it was sent is not the live one, and the live one still works.
        app.InstalledAnswer = HttpStatusCode.InternalServerError;
        (await Admin.PostJson(Plugins, new { pluginUri = app.DescriptorUrl })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(2, app.InstalledSecrets.Count);
        Assert.NotEqual(live, app.InstalledSecrets[1]);
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=1")).Expect(HttpStatusCode.OK);

        // A reinstall that succeeds: the new secret signs, the old one no longer does.
        app.InstalledAnswer = HttpStatusCode.OK;
        await InstallAsync(app);
        Assert.NotEqual(live, app.SharedSecret);
        Assert.DoesNotContain(live, app.InstalledSecrets.Skip(1));
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=1")).Expect(HttpStatusCode.OK);
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=1", jwt: app.Sign("GET", "/rest/api/space", "limit=1", secret: live)))
            .ExpectError(HttpStatusCode.Unauthorized);
        Assert.Empty(app.Failures);
    }

    [SkippableFact]
    public async Task Webhooks_without_read_are_refused_with_nothing_stored()
    {
        // Webhooks need READ (or a scope that includes it); ACT_AS_USER alone is not enough.
        var noRead = await StartAppAsync(["ACT_AS_USER"], [("page_created", "/hooks/page")]);
        var refused = (await Admin.PostJson(Plugins, new { pluginUri = noRead.DescriptorUrl })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("modules.webhooks needs the READ scope", refused.ErrorMessage);
        Assert.Empty(noRead.Lifecycle);
        (await Admin.Get($"{Plugins}{noRead.Key}-key")).ExpectError(HttpStatusCode.NotFound);
        var writer = await StartAppAsync(["WRITE"], [("page_created", "/hooks/page")]);
        await InstallAsync(writer);
    }

    [SkippableFact]
    public async Task A_descriptor_with_a_duplicate_key_is_400()
    {
        // A duplicate key, at the top or nested, fetched or given inline.
        var app = await StartAppAsync(["READ"]);
        var json = app.Descriptor.ToJsonString();
        foreach (var duplicated in new[] { json.Insert(1, "\"key\":\"twice\","), json.Replace("\"lifecycle\":{", "\"lifecycle\":{\"installed\":\"/x\",") })
        {
            var inline = (await Admin.PostJson(Plugins, new { descriptor = duplicated })).ExpectError(HttpStatusCode.BadRequest);
            Assert.Contains("not valid JSON", inline.ErrorMessage);
        }
        (await Admin.SendRaw(HttpMethod.Post, Plugins, "{\"descriptor\": " + json.Insert(1, "\"key\":\"twice\",") + "}"))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, Plugins, "{\"pluginUri\": \"a\", \"pluginUri\": \"b\"}")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Empty(app.Lifecycle);
    }

    [SkippableFact]
    public async Task A_descriptor_body_that_ends_early_is_400()
    {
        var app = await StartAppAsync(["READ"]);
        // A body that ends before its Content-Length.
        var truncated = (await Admin.PostJson(Plugins, new { pluginUri = app.TruncatedDescriptorUrl })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("Fetching the descriptor", truncated.ErrorMessage);
        Assert.Empty(app.Lifecycle);
    }

    [SkippableFact]
    public async Task A_descriptor_body_that_trickles_is_cut_at_the_deadline()
    {
        var app = await StartAppAsync(["READ"]);
        // A body that trickles in is cut at the fetch's deadline (10 s), not read for as long as it lasts (about a minute).
        var started = DateTime.UtcNow;
        var slow = (await Admin.PostJson(Plugins, new { pluginUri = app.SlowDescriptorUrl })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("took longer than", slow.ErrorMessage);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), $"took {DateTime.UtcNow - started}");
        Assert.Empty(app.Lifecycle);
        (await Admin.Get($"{Plugins}{app.Key}-key")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Only_site_admins_manage_apps()
    {
        var app = await InstalledAppAsync(["READ"]);
        var user = await NewUserAsync();
        (await Server.Anonymous().Get(Plugins)).ExpectError(HttpStatusCode.Unauthorized);
        (await user.Client.Get(Plugins)).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson(Plugins, new { pluginUri = app.DescriptorUrl })).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PutJson($"{Plugins}{app.Key}-key", new { enabled = false })).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"{Plugins}{app.Key}-key")).ExpectError(HttpStatusCode.Forbidden);
        // Apps do not manage apps, whatever their scopes: UPM is not part of the API they may call.
        var admin = await InstalledAppAsync(["ADMIN"]);
        (await AsAppAsync(admin, HttpMethod.Get, "/rest/plugins/1.0/", jwt: admin.Sign("GET", "/rest/plugins/1.0"))).ExpectError(HttpStatusCode.Forbidden);
        Assert.True((bool?)(await Admin.Get($"{Plugins}{app.Key}-key")).Expect(HttpStatusCode.OK).Json!["enabled"]);
    }

    [SkippableFact]
    public async Task Disable_enable_and_uninstall_call_the_app_and_change_what_it_may_do()
    {
        var app = await InstalledAppAsync(["READ"]);
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=1")).Expect(HttpStatusCode.OK);

        var disabled = (await Admin.PutJson($"{Plugins}{app.Key}-key", new { enabled = false })).Expect(HttpStatusCode.OK).Json!;
        Assert.False((bool?)disabled["enabled"]);
        await app.WaitForAsync(a => a.Lifecycle.Any(l => l.EventType == "disabled"), "the disabled callback");
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=1")).ExpectError(HttpStatusCode.Unauthorized);

        (await Admin.PutJson($"{Plugins}{app.Key}-key", new { enabled = true })).Expect(HttpStatusCode.OK);
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=1")).Expect(HttpStatusCode.OK);
        (await Admin.PutJson($"{Plugins}{app.Key}-key", new { enabled = "yes" })).ExpectError(HttpStatusCode.BadRequest);

        (await Admin.Delete($"{Plugins}{app.Key}-key")).Expect(HttpStatusCode.NoContent);
        await app.WaitForAsync(a => a.Lifecycle.Any(l => l.EventType == "uninstalled"), "the uninstalled callback");
        Assert.Empty(app.Failures);
        (await AsAppAsync(app, HttpMethod.Get, "/rest/api/space", "limit=1")).ExpectError(HttpStatusCode.Unauthorized);
        (await Admin.Get($"{Plugins}{app.Key}-key")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"{Plugins}{app.Key}-key")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task The_command_line_installs_lists_disables_enables_and_uninstalls()
    {
        var app = await StartAppAsync(["READ"]);
        var options = CommandLineTests.Options(new Dictionary<string, string?>(Server.Settings));
        var (exit, output) = await CommandLineTests.RunAsync(["app", "install", "--url", app.DescriptorUrl, .. options]);
        Assert.True(exit == 0, output);
        Assert.Contains($"installed {app.Key}", output);
        Assert.Empty(app.Failures);
        (exit, output) = await CommandLineTests.RunAsync(["app", "list", .. options]);
        Assert.Contains($"{app.Key}\tenabled", output);
        (exit, _) = await CommandLineTests.RunAsync(["app", "disable", app.Key, .. options]);
        Assert.Equal(0, exit);
        Assert.False((bool?)(await Admin.Get($"{Plugins}{app.Key}-key")).Expect(HttpStatusCode.OK).Json!["enabled"]);
        (exit, _) = await CommandLineTests.RunAsync(["app", "enable", app.Key, .. options]);
        Assert.Equal(0, exit);
        (exit, _) = await CommandLineTests.RunAsync(["app", "uninstall", app.Key, .. options]);
        Assert.Equal(0, exit);
        (await Admin.Get($"{Plugins}{app.Key}-key")).ExpectError(HttpStatusCode.NotFound);
        (exit, _) = await CommandLineTests.RunAsync(["app", "uninstall", app.Key, .. options]);
        Assert.NotEqual(0, exit);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class ConnectAppInstallTestsOnSqlite(SqliteWebhookFixture fixture) : ConnectAppInstallTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class ConnectAppInstallTestsOnPostgres(PostgresWebhookFixture fixture) : ConnectAppInstallTests(fixture);
