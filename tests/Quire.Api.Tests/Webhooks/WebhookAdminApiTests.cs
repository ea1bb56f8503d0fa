using System.Net;
using Quire.Api.Tests.Cli;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// <c>/wiki/rest/api/webhooks</c> and <c>quire webhook</c>: Data Center's shapes, site admins only,
/// bad input refused with nothing stored, and the test ping.
/// </summary>
public abstract class WebhookAdminApiTests(ServerFixture fixture) : WebhookTest(fixture)
{
    [SkippableFact]
    public async Task Only_site_admins_may_see_or_change_webhooks()
    {
        var id = await RegisterAsync(["page_created"]);
        var user = await NewUserAsync();
        (await Server.Anonymous().Get("/wiki/rest/api/webhooks")).ExpectError(HttpStatusCode.Unauthorized);
        (await user.Client.Get("/wiki/rest/api/webhooks")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Get($"/wiki/rest/api/webhooks/{id}")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson("/wiki/rest/api/webhooks", new { name = "x", url = Receiver.Url, events = new[] { "page_created" } }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"/wiki/rest/api/webhooks/{id}")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Get($"/wiki/rest/api/webhooks/{id}/deliveries")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson($"/wiki/rest/api/webhooks/test?url={Uri.EscapeDataString(Receiver.Url)}", new { })).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Get($"/wiki/rest/api/webhooks/{id}")).Expect(HttpStatusCode.OK);
        Assert.Empty(Receiver.Received);
    }

    [SkippableFact]
    public async Task Create_read_update_list_and_delete_have_data_centers_shapes()
    {
        var name = "crud " + Unique();
        var created = (await Admin.PostJson("/wiki/rest/api/webhooks", new
        {
            name, url = Receiver.Url, events = new[] { "page_updated", "page_created", "page_created" }, active = true,
            configuration = new { secret = "first" },
        })).Expect(HttpStatusCode.Created);
        var id = (long)created.Json!["id"]!;
        Assert.EndsWith($"/wiki/rest/api/webhooks/{id}", created.Message.Headers.Location!.ToString());
        var json = (await Admin.Get($"/wiki/rest/api/webhooks/{id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name, (string?)json["name"]);
        Assert.Equal(Receiver.Url, (string?)json["url"]);
        Assert.Equal(["page_created", "page_updated"], json["events"]!.AsArray().Select(e => (string)e!));
        Assert.True((bool?)json["active"]);
        Assert.Equal("global", (string?)json["scopeType"]);
        Assert.True((long?)json["createdDate"] > 0);
        Assert.True((bool?)json["configuration"]!["hasSecret"]);

        // An update without configuration keeps the secret: the test ping is still signed.
        var updated = (await Admin.PutJson($"/wiki/rest/api/webhooks/{id}", new
        {
            name = name + " renamed", url = Receiver.Url, events = new[] { "blog_created" }, active = false,
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name + " renamed", (string?)updated["name"]);
        Assert.Equal(["blog_created"], updated["events"]!.AsArray().Select(e => (string)e!));
        Assert.False((bool?)updated["active"]);
        Assert.True((bool?)updated["configuration"]!["hasSecret"]);
        var ping = (await Admin.PostJson($"/wiki/rest/api/webhooks/{id}/test", new { })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("SUCCESS", (string?)ping["outcome"]);
        Assert.Equal(200, (int?)ping["statusCode"]);
        var received = await Receiver.WaitForEventAsync("diagnostics:ping");
        Assert.Equal("""{"test":true}""", received.Body);
        Assert.StartsWith("sha256=", received.Signature);

        // Paged as Confluence pages: results, start, limit, size, _links.next while there is more.
        await RegisterAsync(["page_created"]);
        await RegisterAsync(["page_created"]);
        var page = (await Admin.Get("/wiki/rest/api/webhooks?limit=2")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int?)page["size"]);
        Assert.Equal(2, (int?)page["limit"]);
        Assert.NotNull(page["_links"]!["next"]);

        (await Admin.Delete($"/wiki/rest/api/webhooks/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"/wiki/rest/api/webhooks/{id}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"/wiki/rest/api/webhooks/{id}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/webhooks/not-a-number")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Bad_registrations_are_refused_with_a_message_and_store_nothing()
    {
        var before = await CountAsync();
        object[] bad =
        [
            new { url = Receiver.Url, events = new[] { "page_created" } },
            new { name = "x", events = new[] { "page_created" } },
            new { name = "x", url = "ftp://example.test/hook", events = new[] { "page_created" } },
            new { name = "x", url = "not a url", events = new[] { "page_created" } },
            new { name = "x", url = Receiver.Url, events = Array.Empty<string>() },
            new { name = "x", url = Receiver.Url, events = new[] { "page_created", "page_exploded" } },
            new { name = new string('n', 256), url = Receiver.Url, events = new[] { "page_created" } },
            new { name = "x", url = Receiver.Url, events = new[] { "page_created" }, configuration = new { secret = new string('s', 256) } },
        ];
        foreach (var body in bad)
            (await Admin.PostJson("/wiki/rest/api/webhooks", body)).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/webhooks", "{\"name\": ")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, "/wiki/rest/api/webhooks", "{\"name\": 5, \"events\": \"page_created\"}")).ExpectError(HttpStatusCode.BadRequest);
        var unknown = (await Admin.PostJson("/wiki/rest/api/webhooks", bad[5])).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains("page_exploded", unknown.ErrorMessage);
        Assert.Equal(before, await CountAsync());

        var id = await RegisterAsync(["page_created"]);
        (await Admin.PutJson($"/wiki/rest/api/webhooks/{id}", new { name = "x", url = "gopher://x", events = new[] { "page_created" } }))
            .ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(Receiver.Url, (string?)(await Admin.Get($"/wiki/rest/api/webhooks/{id}")).Json!["url"]);
        (await Admin.Get($"/wiki/rest/api/webhooks/{id}/deliveries?state=lost")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task The_connection_test_reports_what_the_receiver_answered_or_why_there_was_no_answer()
    {
        var ok = (await Admin.PostJson($"/wiki/rest/api/webhooks/test?url={Uri.EscapeDataString(Receiver.Url)}", new { })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("SUCCESS", (string?)ok["outcome"]);
        Assert.Null((await Receiver.WaitForEventAsync("diagnostics:ping")).Signature);

        Receiver.Answer = (_, _) => Task.FromResult(HttpStatusCode.NotFound);
        var refused = (await Admin.PostJson($"/wiki/rest/api/webhooks/test?url={Uri.EscapeDataString(Receiver.Url)}", new { })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("FAILURE", (string?)refused["outcome"]);
        Assert.Equal(404, (int?)refused["statusCode"]);

        var closed = (await Admin.PostJson("/wiki/rest/api/webhooks/test?url=" + Uri.EscapeDataString("http://127.0.0.1:1/hook"), new { }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("ERROR", (string?)closed["outcome"]);
        Assert.False(string.IsNullOrEmpty((string?)closed["error"]));
        (await Admin.PostJson("/wiki/rest/api/webhooks/test", new { })).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task The_command_line_adds_lists_tests_and_removes_webhooks_that_the_server_then_uses()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        var options = CommandLineTests.Options(settings);
        var (exit, output) = await CommandLineTests.RunAsync(["webhook", "add", "--name", "from cli", "--url", Receiver.Url, "--event", "page_created", "--secret", "cli-secret", .. options]);
        Assert.Equal(0, exit);
        var id = long.Parse(output.Trim().Split(' ')[^1]);

        (exit, output) = await CommandLineTests.RunAsync(["webhook", "list", .. options]);
        Assert.Equal(0, exit);
        Assert.Contains($"{id}\tactive\tfrom cli\t{Receiver.Url}\tpage_created", output);

        (exit, output) = await CommandLineTests.RunAsync(["webhook", "test", "--id", id.ToString(), .. options]);
        Assert.Equal(0, exit);
        Assert.StartsWith("ok:", output);
        Assert.StartsWith("sha256=", (await Receiver.WaitForEventAsync("diagnostics:ping")).Signature);

        await using (var server = new QuireServer(Server.Engine, settings))
        {
            using var admin = server.Admin();
            var key = "C" + Unique().ToUpperInvariant();
            (await admin.PostJson("/wiki/rest/api/space", new { key, name = key })).Expect(HttpStatusCode.OK);
            var page = (await admin.PostJson("/wiki/rest/api/content", new
            {
                type = "page", title = "Via cli webhook", space = new { key },
                body = new { storage = new { value = "<p>c</p>", representation = "storage" } },
            })).Expect(HttpStatusCode.OK);
            var pageId = long.Parse((string)page.Json!["id"]!);
            await ContentEventAsync("page_created", "page", pageId);
        }

        (exit, _) = await CommandLineTests.RunAsync(["webhook", "remove", "--id", id.ToString(), .. options]);
        Assert.Equal(0, exit);
        (exit, output) = await CommandLineTests.RunAsync(["webhook", "list", .. options]);
        Assert.DoesNotContain("from cli", output);
        (exit, _) = await CommandLineTests.RunAsync(["webhook", "add", "--name", "bad", "--url", Receiver.Url, "--event", "nope", .. options]);
        Assert.NotEqual(0, exit);
    }

    private async Task<int> CountAsync() =>
        (int)(await Admin.Get("/wiki/rest/api/webhooks?limit=100")).Expect(HttpStatusCode.OK).Json!["size"]!;
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class WebhookAdminApiTestsOnSqlite(SqliteWebhookFixture fixture) : WebhookAdminApiTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class WebhookAdminApiTestsOnPostgres(PostgresWebhookFixture fixture) : WebhookAdminApiTests(fixture);
