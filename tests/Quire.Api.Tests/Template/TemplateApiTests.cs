using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Template;

public abstract class TemplateApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Templates = "/wiki/rest/api/template";

    private static object NewTemplate(string name, string body = "<p>Template body</p>", string? spaceKey = null, object[]? labels = null,
        string description = "A template", string templateType = "page", string? templateId = null) => new
    {
        templateId,
        name,
        templateType,
        description,
        body = new { storage = new { value = body, representation = "storage" } },
        labels = labels ?? [],
        space = spaceKey is null ? null : new { key = spaceKey },
    };

    [SkippableFact]
    public async Task Global_templates_are_created_read_listed_updated_and_removed_by_the_site_admin()
    {
        var name = "Meeting notes " + Unique();
        var created = (await Admin.PostJson(Templates, NewTemplate(name, "<h2>Agenda</h2><p>...</p>",
            labels: [new { prefix = "global", name = "meetings" }]))).Expect(HttpStatusCode.OK).Json!;
        var id = (string)created["templateId"]!;
        Assert.True(long.TryParse(id, out _));
        Assert.Equal(name, (string?)created["name"]);
        Assert.Equal("A template", (string?)created["description"]);
        Assert.Equal("page", (string?)created["templateType"]);
        Assert.Equal("<h2>Agenda</h2><p>...</p>", (string?)created["body"]!["storage"]!["value"]);
        Assert.Equal("storage", (string?)created["body"]!["storage"]!["representation"]);
        var label = created["labels"]!.AsArray().Single()!;
        Assert.Equal(("global", "meetings", "meetings"), ((string?)label["prefix"], (string?)label["name"], (string?)label["label"]));
        Assert.NotNull(label["id"]);
        Assert.Null(created["space"]);
        Assert.EndsWith($"/rest/api/template/{id}", (string)created["_links"]!["self"]!);

        var got = (await Admin.Get($"{Templates}/{id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("<h2>Agenda</h2><p>...</p>", (string?)got["body"]!["storage"]!["value"]);

        // Listed without the body unless asked; a plain user lists and reads them too.
        var reader = await NewUserAsync();
        var listed = (await reader.Client.Get($"{Templates}/page?limit=200")).Expect(HttpStatusCode.OK).Json!;
        var mine = listed["results"]!.AsArray().Single(t => (string?)t!["templateId"] == id)!;
        Assert.Null(mine["body"]);
        Assert.NotNull(mine["_expandable"]!["body"]);
        var withBody = (await reader.Client.Get($"{Templates}/page?limit=200&expand=body")).Expect(HttpStatusCode.OK).Json!;
        Assert.NotNull(withBody["results"]!.AsArray().Single(t => (string?)t!["templateId"] == id)!["body"]!["storage"]);
        (await reader.Client.Get($"{Templates}/{id}")).Expect(HttpStatusCode.OK);

        // Only the site admin creates, changes and removes them.
        (await reader.Client.PostJson(Templates, NewTemplate("Mine " + Unique()))).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson(Templates, NewTemplate(name, templateId: id))).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"{Templates}/{id}")).ExpectError(HttpStatusCode.Forbidden);

        var updated = (await Admin.PutJson(Templates, NewTemplate(name + " v2", "<p>v2</p>", templateId: id, description: "Shorter",
            labels: [new { prefix = "team", name = "ops" }]))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name + " v2", (string?)updated["name"]);
        Assert.Equal("<p>v2</p>", (string?)(await Admin.Get($"{Templates}/{id}")).Json!["body"]!["storage"]!["value"]);
        Assert.Equal(["team:ops"], updated["labels"]!.AsArray().Select(l => $"{l!["prefix"]}:{l["name"]}"));

        (await Admin.Delete($"{Templates}/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{Templates}/{id}")).ExpectError(HttpStatusCode.Forbidden); // the spec's answer for a missing template
        (await Admin.Delete($"{Templates}/{id}")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.PutJson(Templates, NewTemplate(name, templateId: id))).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Space_templates_follow_the_space_permissions()
    {
        var reader = await NewUserAsync();
        var outsider = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var name = "Space template " + Unique();
        var created = (await Admin.PostJson(Templates, NewTemplate(name, spaceKey: key))).Expect(HttpStatusCode.OK).Json!;
        var id = (string)created["templateId"]!;
        Assert.Equal(key, (string?)created["space"]!["key"]);

        // In the space's listing, not the global one.
        var inSpace = (await reader.Client.Get($"{Templates}/page?spaceKey={key}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([id], inSpace["results"]!.AsArray().Select(t => (string?)t!["templateId"]));
        var global = (await Admin.Get($"{Templates}/page?limit=200")).Expect(HttpStatusCode.OK).Json!;
        Assert.DoesNotContain(id, global["results"]!.AsArray().Select(t => (string?)t!["templateId"]));
        (await reader.Client.Get($"{Templates}/{id}")).Expect(HttpStatusCode.OK);

        // Readers of the space read it but do not change it; others do not see it at all.
        (await reader.Client.PostJson(Templates, NewTemplate("Not mine", spaceKey: key))).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson(Templates, NewTemplate(name, spaceKey: key, templateId: id))).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"{Templates}/{id}")).ExpectError(HttpStatusCode.Forbidden);
        (await outsider.Client.Get($"{Templates}/{id}")).ExpectError(HttpStatusCode.Forbidden);
        (await outsider.Client.Get($"{Templates}/page?spaceKey={key}")).ExpectError(HttpStatusCode.Forbidden);
        (await outsider.Client.Get($"{Templates}/blueprint?spaceKey={key}")).ExpectError(HttpStatusCode.Forbidden);
        (await outsider.Client.PutJson(Templates, NewTemplate(name, spaceKey: key, templateId: id))).ExpectError(HttpStatusCode.NotFound);
        (await outsider.Client.PostJson(Templates, NewTemplate("Theirs", spaceKey: key))).ExpectError(HttpStatusCode.NotFound);

        // A template stays in its space.
        (await Admin.PutJson(Templates, NewTemplate(name, templateId: id))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(Templates, NewTemplate(name + "!", spaceKey: key, templateId: id))).Expect(HttpStatusCode.OK);
        // Deleting the space takes its templates.
        await Admin.WaitForTaskAsync((string)(await Admin.Delete($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.Accepted).Json!["id"]!);
        (await Admin.Get($"{Templates}/{id}")).ExpectError(HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Blueprint_templates_are_none()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        foreach (var url in new[] { $"{Templates}/blueprint", $"{Templates}/blueprint?spaceKey={key}&expand=body" })
        {
            var listed = (await Admin.Get(url)).Expect(HttpStatusCode.OK).Json!;
            Assert.Empty(listed["results"]!.AsArray());
            Assert.Equal(0, (int)listed["size"]!);
            Assert.Equal(25, (int)listed["limit"]!);
        }
    }

    [SkippableFact]
    public async Task Bad_templates_are_400_and_change_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        async Task Refused(object body, string message)
        {
            var error = (await Admin.PostJson(Templates, body)).ExpectError(HttpStatusCode.BadRequest);
            Assert.Contains(message, error.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        }
        await Refused(NewTemplate(""), "name");
        await Refused(NewTemplate("   "), "name");
        await Refused(NewTemplate(new string('n', 256)), "name");
        await Refused(NewTemplate("T", templateType: "blogpost"), "templateType");
        await Refused(new { name = "T", templateType = "page" }, "body");
        await Refused(new { name = "T", templateType = "page", body = new { wiki = new { value = "h1. x", representation = "wiki" } } }, "wiki");
        await Refused(NewTemplate("T", "<p>unclosed"), "");
        await Refused(NewTemplate("T", labels: [new { prefix = "my", name = "mine" }]), "my");
        await Refused(NewTemplate("T", labels: [new { prefix = "global", name = "bad label" }]), "label");
        await Refused(NewTemplate("T", description: new string('d', 256)), "description");
        (await Admin.PostJson(Templates, NewTemplate("T", spaceKey: "NOSUCH" + Unique()))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.SendRaw(HttpMethod.Post, Templates, "{\"name\": ")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, Templates, "{\"name\": 5, \"templateType\": \"page\"}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Templates}/abc")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Get($"{Templates}/page?limit=-1")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM content_templates WHERE name = @name", new { name = "T" }));

        // The update's description is shorter (100) than the create's (255), as the spec has it.
        var id = (string)(await Admin.PostJson(Templates, NewTemplate("Long " + Unique(), description: new string('d', 200)))).Expect(HttpStatusCode.OK).Json!["templateId"]!;
        (await Admin.PutJson(Templates, NewTemplate("Long", templateId: id, description: new string('d', 101)))).ExpectError(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TemplateApiTestsOnSqlite(SqliteServerFixture fixture) : TemplateApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TemplateApiTestsOnPostgres(PostgresServerFixture fixture) : TemplateApiTests(fixture);
