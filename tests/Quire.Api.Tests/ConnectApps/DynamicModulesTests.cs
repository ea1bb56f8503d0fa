using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Webhooks;

namespace Quire.Api.Tests.ConnectApps;

/// <summary>Dynamic modules (<c>/wiki/rest/atlassian-connect/1/app/module/dynamic</c>): Connect apps only, keys unique per app.</summary>
public abstract class DynamicModulesTests(ServerFixture fixture) : ConnectAppTest(fixture)
{
    private const string Dynamic = "/rest/atlassian-connect/1/app/module/dynamic";

    [SkippableFact]
    public async Task An_app_registers_lists_and_removes_its_modules()
    {
        var app = await StartAppAsync(["READ"], modules: new JsonObject
        {
            ["adminPages"] = new JsonArray(new JsonObject { ["key"] = "from-descriptor", ["url"] = "/admin", ["name"] = new JsonObject { ["value"] = "Admin" } }),
        });
        await InstallAsync(app);
        var empty = (await AsAppAsync(app, HttpMethod.Get, Dynamic)).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(empty["modules"]!.AsArray());

        var webItem = new { key = "my-webitem", location = "system.admin/globalsettings", url = "/my-web-item", name = new { value = "My Web Item" } };
        (await AsAppAsync(app, HttpMethod.Post, Dynamic, body: new
        {
            webItems = new[] { webItem },
            adminPages = new[] { new { key = "my-admin-page", url = "/my-admin-page", name = new { value = "My Admin Page" } } },
        })).Expect(HttpStatusCode.OK);
        var listed = (await AsAppAsync(app, HttpMethod.Get, Dynamic)).Expect(HttpStatusCode.OK).Json!["modules"]!.AsArray();
        Assert.Equal(["my-admin-page", "my-webitem"], listed.Select(m => (string)m!["key"]!).Order());
        Assert.Equal("system.admin/globalsettings", (string?)listed.Single(m => (string?)m!["key"] == "my-webitem")!["location"]);

        // A key the app already uses, in its descriptor or registered before, or twice in one request: 400 naming it, nothing stored.
        foreach (var conflict in new object[]
        {
            new { webItems = new[] { new { key = "from-descriptor", url = "/x" } } },
            new { webItems = new[] { webItem } },
            new { webPanels = new[] { new { key = "twice", url = "/x" }, new { key = "twice", url = "/y" } } },
        })
        {
            var refused = (await AsAppAsync(app, HttpMethod.Post, Dynamic, body: conflict)).Expect(HttpStatusCode.BadRequest).Json!;
            Assert.Contains("duplicate module keys", (string?)refused["message"]);
        }
        var invalid = (await AsAppAsync(app, HttpMethod.Post, Dynamic, body: new { webItems = new[] { new { url = "/no-key" } } }))
            .Expect(HttpStatusCode.BadRequest).Json!;
        Assert.Contains("key", (string?)invalid["message"]);
        Assert.Equal(2, (await AsAppAsync(app, HttpMethod.Get, Dynamic)).Json!["modules"]!.AsArray().Count);

        // Removing by key ignores keys the app does not have; the spec's own path works too.
        // A repeated parameter's values are joined with ',' in the canonical query.
        (await AsAppAsync(app, HttpMethod.Delete, Dynamic, "moduleKey=my-webitem&moduleKey=nonexistent",
            jwt: app.Sign("DELETE", Dynamic, "moduleKey=my-webitem,nonexistent"))).Expect(HttpStatusCode.NoContent);
        var left = (await AsAppAsync(app, HttpMethod.Get, Dynamic)).Json!["modules"]!.AsArray();
        Assert.Equal("my-admin-page", (string?)Assert.Single(left)!["key"]);
    }

    [SkippableFact]
    public async Task Only_connect_apps_may_call_them()
    {
        foreach (var path in new[] { "/wiki" + Dynamic, "/atlassian-connect/1/app/module/dynamic" })
        {
            var refused = (await Admin.Get(path)).Expect(HttpStatusCode.Unauthorized).Json!;
            Assert.Equal("The request is not from a Connect app.", (string?)refused["message"]);
            (await Admin.PostJson(path, new { webItems = new[] { new { key = "k" } } })).Expect(HttpStatusCode.Unauthorized);
            (await Admin.Delete(path + "?moduleKey=k")).Expect(HttpStatusCode.Unauthorized);
        }
        (await Server.Anonymous().Get("/wiki" + Dynamic)).Expect(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class DynamicModulesTestsOnSqlite(SqliteWebhookFixture fixture) : DynamicModulesTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class DynamicModulesTestsOnPostgres(PostgresWebhookFixture fixture) : DynamicModulesTests(fixture);
