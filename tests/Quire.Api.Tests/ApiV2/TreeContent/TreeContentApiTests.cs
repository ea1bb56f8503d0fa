using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ApiV2.TreeContent;

/// <summary>
/// Folders, whiteboards, databases and smart links through v2 (create, read, delete, properties, operations, ancestors)
/// and v1 (read, restore), with what a reader the restrictions leave out and bad input get.
/// </summary>
public abstract class TreeContentApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    public static readonly (string Path, string Type)[] Kinds =
        [("folders", "folder"), ("whiteboards", "whiteboard"), ("databases", "database"), ("embeds", "embed")];

    [SkippableFact]
    public async Task Each_kind_is_created_read_trashed_and_restored_with_its_shape()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var page = (string)(await Admin.CreateV2PageAsync(spaceId, "Holder", query: "?root-level=true"))["id"]!;
        foreach (var (path, type) in Kinds)
        {
            var request = new JsonObject { ["spaceId"] = spaceId, ["title"] = $"My {type}", ["parentId"] = page };
            if (type == "whiteboard") { request["templateKey"] = "kanban-board"; request["locale"] = "en-US"; }
            if (type == "embed") request["embedUrl"] = "https://example.com/board?a=1&b=<2>";
            var created = (await Admin.PostJson($"{V2}/{path}", request)).Expect(HttpStatusCode.OK).Json!;
            var id = (string)created["id"]!;
            Assert.Equal(type, (string?)created["type"]);
            Assert.Equal("current", (string?)created["status"]);
            Assert.Equal($"My {type}", (string?)created["title"]);
            Assert.Equal(spaceId, (string?)created["spaceId"]);
            Assert.Equal(page, (string?)created["parentId"]);
            Assert.Equal("page", (string?)created["parentType"]);
            Assert.Equal(me, (string?)created["authorId"]);
            Assert.Equal(me, (string?)created["ownerId"]);
            Assert.Equal(1, (int?)created["version"]!["number"]);
            Assert.Equal(me, (string?)created["version"]!["authorId"]);
            Assert.EndsWith("Z", (string)created["createdAt"]!);
            Assert.Equal($"/spaces/{key}/{type}/{id}", (string?)created["_links"]!["webui"]);
            Assert.NotNull(created["_links"]!["base"]);
            Assert.Equal(type == "embed" ? "https://example.com/board?a=1&b=<2>" : null, (string?)created["embedUrl"]);

            var read = (await Admin.Get($"{V2}/{path}/{id}")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(created.ToJsonString(), read.ToJsonString());
            // v1 sees the same content under its own type.
            var v1 = await Admin.GetContentAsync(id, "?expand=ancestors");
            Assert.Equal(type, (string?)v1["type"]);
            Assert.Equal([page], v1["ancestors"]!.AsArray().Select(a => (string?)a!["id"]));

            (await Admin.Delete($"{V2}/{path}/{id}")).Expect(HttpStatusCode.NoContent);
            Assert.Equal("trashed", (string?)(await Admin.Get($"{V2}/{path}/{id}")).Expect(HttpStatusCode.OK).Json!["status"]);
            (await Admin.Delete($"{V2}/{path}/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
            // Restored through v1, as a trashed page is.
            (await Admin.PutJson($"{ContentUrl}/{id}", new { type, title = $"My {type}", status = "current", version = new { number = 2 } }))
                .Expect(HttpStatusCode.OK);
            var restored = (await Admin.Get($"{V2}/{path}/{id}")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal("current", (string?)restored["status"]);
            Assert.Equal(2, (int?)restored["version"]!["number"]);
        }

        // No title makes an untitled one, at the top of the space; titles need not be unique.
        var untitled = (await Admin.PostJson($"{V2}/folders", new { spaceId })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Untitled folder", (string?)untitled["title"]);
        Assert.Null(untitled["parentId"]);
        Assert.Equal("Untitled folder", (string?)(await Admin.PostJson($"{V2}/folders", new { spaceId })).Expect(HttpStatusCode.OK).Json!["title"]);
        // CQL finds them by type.
        var found = (await Admin.Get($"{ContentUrl}/search?cql={Uri.EscapeDataString($"space = {key} AND type = folder")}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(3, found["results"]!.AsArray().Count);
        Assert.All(found["results"]!.AsArray(), r => Assert.Equal("folder", (string?)r!["type"]));
    }

    [SkippableFact]
    public async Task Properties_operations_and_ancestors_serve_each_kind_and_no_other()
    {
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var page = (string)(await Admin.CreateV2PageAsync(spaceId, "Top", query: "?root-level=true"))["id"]!;
        var folder = (string)(await Admin.PostJson($"{V2}/folders", new { spaceId, title = "F", parentId = page })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var ids = new Dictionary<string, string> { ["folders"] = folder };
        foreach (var (path, _) in Kinds.Skip(1))
            ids[path] = (string)(await Admin.PostJson($"{V2}/{path}", new { spaceId, title = path, parentId = folder })).Expect(HttpStatusCode.OK).Json!["id"]!;

        foreach (var (path, type) in Kinds)
        {
            var id = ids[path];
            var property = (await Admin.PostJson($"{V2}/{path}/{id}/properties", new { key = "colour", value = new { name = type } }))
                .Expect(HttpStatusCode.OK).Json!;
            var propertyId = (string)property["id"]!;
            Assert.Equal("colour", (string?)property["key"]);
            Assert.Equal(type, (string?)property["value"]!["name"]);
            Assert.Equal(1, (int?)property["version"]!["number"]);
            Assert.Equal([propertyId], (await Admin.Get($"{V2}/{path}/{id}/properties?key=colour")).Results().Each("id"));
            var updated = (await Admin.PutJson($"{V2}/{path}/{id}/properties/{propertyId}", new { key = "colour", value = "blue", version = new { number = 2 } }))
                .Expect(HttpStatusCode.OK).Json!;
            Assert.Equal("blue", (string?)updated["value"]);
            // The same property through v1.
            Assert.Equal("blue", (string?)(await Admin.Get($"{ContentUrl}/{id}/property/colour")).Expect(HttpStatusCode.OK).Json!["value"]);
            Assert.Equal("blue", (string?)(await Admin.Get($"{V2}/{path}/{id}/properties/{propertyId}")).Expect(HttpStatusCode.OK).Json!["value"]);
            (await Admin.Delete($"{V2}/{path}/{id}/properties/{propertyId}")).Expect(HttpStatusCode.NoContent);
            Assert.Empty((await Admin.Get($"{V2}/{path}/{id}/properties")).Results());

            var operations = (await Admin.Get($"{V2}/{path}/{id}/operations")).Expect(HttpStatusCode.OK).Json!["operations"]!.AsArray();
            Assert.Equal(["read", "update", "delete"], operations.Select(o => (string?)o!["operation"]));
            Assert.All(operations, o => Assert.Equal(type, (string?)o!["targetType"]));

            var ancestors = (await Admin.Get($"{V2}/{path}/{id}/ancestors")).Results();
            string[] expected = path == "folders" ? [page] : [page, folder];
            string[] expectedTypes = path == "folders" ? ["page"] : ["page", "folder"];
            Assert.Equal(expected, ancestors.Each("id"));
            Assert.Equal(expectedTypes, ancestors.Each("type"));
            // limit keeps the nearest ones.
            Assert.Equal([expected[^1]], (await Admin.Get($"{V2}/{path}/{id}/ancestors?limit=1")).Results().Each("id"));

            // Another kind's id (and a page's) is not found under this kind's URLs.
            var other = path == "folders" ? ids["whiteboards"] : folder;
            foreach (var url in new[] { $"{V2}/{path}/{other}", $"{V2}/{path}/{page}", $"{V2}/{path}/{other}/properties", $"{V2}/{path}/{page}/operations", $"{V2}/{path}/{other}/ancestors" })
                (await Admin.Get(url)).ExpectV2Error(HttpStatusCode.NotFound);
            (await Admin.Delete($"{V2}/{path}/{page}")).ExpectV2Error(HttpStatusCode.NotFound);
        }
        Assert.Equal("current", (string?)(await Admin.Get($"{V2}/pages/{page}")).Expect(HttpStatusCode.OK).Json!["status"]);
    }

    [SkippableFact]
    public async Task Bad_input_is_refused_with_the_v2_error_body_and_nothing_stored()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var (_, otherSpaceId) = await Admin.NewSpaceAsync();
        var otherPage = (string)(await Admin.CreateV2PageAsync(otherSpaceId, "Elsewhere"))["id"]!;
        var blog = (string)(await Admin.CreatePageAsync(key, "Post", type: "blogpost"))["id"]!;
        object[] bad =
        [
            new { title = "No space" },
            new { spaceId = "abc", title = "Bad space id" },
            new { spaceId, title = "Bad parent", parentId = "x1" },
            new { spaceId, title = "Blog parent", parentId = blog },
            new { spaceId, title = "Parent elsewhere", parentId = otherPage },
            new { spaceId, title = "Missing parent", parentId = "999999999" },
            new { spaceId, title = new string('t', 256) },
        ];
        foreach (var (path, _) in Kinds)
            foreach (var body in bad)
                (await Admin.PostJson($"{V2}/{path}", body)).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/embeds", new { spaceId, title = "Script", embedUrl = "javascript:alert(1)" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/embeds", new { spaceId, title = "Relative", embedUrl = "/just/a/path" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/whiteboards?private=maybe", new { spaceId, title = "Flag" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/folders", new { spaceId = "987654321", title = "No such space" })).ExpectV2Error(HttpStatusCode.NotFound);
        foreach (var (path, _) in Kinds)
        {
            (await Admin.Get($"{V2}/{path}/abc")).ExpectV2Error(HttpStatusCode.BadRequest);
            (await Admin.Delete($"{V2}/{path}/-4")).ExpectV2Error(HttpStatusCode.BadRequest);
            (await Admin.Get($"{V2}/{path}/999999999")).ExpectV2Error(HttpStatusCode.NotFound);
        }
        var cql = Uri.EscapeDataString($"space = {key} AND type in (folder, whiteboard, database, embed)");
        Assert.Empty((await Admin.Get($"{ContentUrl}/search?cql={cql}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task Restrictions_and_private_creation_hide_them_and_what_is_inside_from_other_readers()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var spaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Json!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var open = (string)(await Admin.CreateV2PageAsync(spaceId, "Open", query: "?root-level=true"))["id"]!;
        var folder = (string)(await Admin.PostJson($"{V2}/folders", new { spaceId, title = "Closed folder", parentId = open })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var inside = (string)(await Admin.CreateV2PageAsync(spaceId, "Inside", parentId: folder))["id"]!;
        var board = (string)(await Admin.PostJson($"{V2}/whiteboards", new { spaceId, title = "Board", parentId = inside })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var mine = (string)(await Admin.PostJson($"{V2}/databases?private=true", new { spaceId, title = "Mine", parentId = open })).Expect(HttpStatusCode.OK).Json!["id"]!;
        // Before the restriction the reader sees the folder and its page.
        (await reader.Client.Get($"{V2}/folders/{folder}")).Expect(HttpStatusCode.OK);
        Assert.Equal([folder], (await reader.Client.Get($"{V2}/pages/{open}/direct-children")).Results().Each("id"));
        await Admin.RestrictAsync(folder, Entry("read", [me]));

        foreach (var url in new[]
                 {
                     $"{V2}/folders/{folder}", $"{V2}/folders/{folder}/properties", $"{V2}/folders/{folder}/operations", $"{V2}/folders/{folder}/ancestors",
                     $"{V2}/pages/{inside}", $"{V2}/pages/{inside}/ancestors", $"{V2}/whiteboards/{board}", $"{V2}/whiteboards/{board}/ancestors",
                     $"{V2}/databases/{mine}", $"{V2}/databases/{mine}/properties",
                 })
            (await reader.Client.Get(url)).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{ContentUrl}/{inside}")).Expect(HttpStatusCode.NotFound);
        Assert.Empty((await reader.Client.Get($"{V2}/pages/{open}/direct-children")).Results());
        Assert.Empty((await reader.Client.Get($"{V2}/pages/{open}/descendants")).Results());
        // The admin still sees the whole line, folder included.
        Assert.Equal([open, folder, inside], (await Admin.Get($"{V2}/whiteboards/{board}/ancestors")).Results().Each("id"));
        Assert.Equal([folder, mine], (await Admin.Get($"{V2}/pages/{open}/direct-children")).Results().Each("id"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TreeContentApiTestsOnSqlite(SqliteServerFixture fixture) : TreeContentApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TreeContentApiTestsOnPostgres(PostgresServerFixture fixture) : TreeContentApiTests(fixture);
