using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>PUT /content/{pageId}/move/{position}/{targetId}.</summary>
public abstract class ContentMoveTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<List<string?>> ChildTitles(string id) =>
        (await Admin.Get($"{ContentUrl}/{id}/child/page")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(r => (string?)r!["title"]).ToList();

    private async Task<string> Id(string key, string title, string? parentId = null) =>
        (string)(await Admin.CreatePageAsync(key, title, parentId: parentId))["id"]!;

    private Task<ApiResponse> Move(string page, string position, string target, HttpClient? client = null) =>
        (client ?? Admin).PutJson($"{ContentUrl}/{page}/move/{position}/{target}", new { });

    [SkippableFact]
    public async Task Ancestors_given_as_a_whole_chain_name_the_last_as_the_parent()
    {
        // Confluence lists ancestors from the top down; publishers (markdown-confluence) send the
        // whole chain on create and update, meaning the last one.
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = await Id(key, "Top");
        var middle = await Id(key, "Middle", top);
        var chain = new JsonArray(new JsonObject { ["id"] = top }, new JsonObject { ["id"] = middle });
        var leaf = (string)(await Admin.PostJson(ContentUrl, new JsonObject
        {
            ["type"] = "page", ["title"] = "Leaf", ["space"] = new JsonObject { ["key"] = key }, ["ancestors"] = chain.DeepClone(),
            ["body"] = StorageBody("<p>leaf</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        Assert.Equal(["Leaf"], await ChildTitles(middle));
        Assert.Equal(["Middle"], await ChildTitles(top));

        var other = await Id(key, "Other", top);
        (await Admin.PutJson($"{ContentUrl}/{leaf}", new JsonObject
        {
            ["version"] = new JsonObject { ["number"] = 2 }, ["type"] = "page", ["title"] = "Leaf",
            ["ancestors"] = new JsonArray(new JsonObject { ["id"] = top }, new JsonObject { ["id"] = other }),
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(["Leaf"], await ChildTitles(other));
        Assert.Empty(await ChildTitles(middle));
        var read = await Admin.GetContentAsync(leaf, "?expand=ancestors");
        Assert.Equal([top, other], read["ancestors"]!.AsArray().Select(a => (string)a!["id"]!));
    }

    [SkippableFact]
    public async Task Pages_move_before_after_and_under_a_target()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = await Id(key, "Top");
        var a = await Id(key, "A", top);
        var b = await Id(key, "B", top);
        var c = await Id(key, "C", top);
        var other = await Id(key, "Other");

        var moved = (await Move(c, "before", a)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(c, (string?)moved["pageId"]);
        Assert.Equal(["C", "A", "B"], await ChildTitles(top));
        (await Move(c, "after", a)).Expect(HttpStatusCode.OK);
        Assert.Equal(["A", "C", "B"], await ChildTitles(top));
        (await Move(a, "append", other)).Expect(HttpStatusCode.OK);
        Assert.Equal(["C", "B"], await ChildTitles(top));
        Assert.Equal(["A"], await ChildTitles(other));
        Assert.Equal([top], (await Admin.GetContentAsync(b, "?expand=ancestors"))["ancestors"]!.AsArray().Select(x => (string?)x!["id"]).ToList());
        // Moving beside a top-level page puts the page at the top of the space.
        (await Move(b, "after", top)).Expect(HttpStatusCode.OK);
        Assert.Empty((await Admin.GetContentAsync(b, "?expand=ancestors"))["ancestors"]!.AsArray());
        Assert.Equal(1, (int?)(await Admin.GetContentAsync(b, "?expand=version"))["version"]?["number"]);
    }

    [SkippableFact]
    public async Task A_move_to_another_space_takes_the_subtree_and_its_comments_along()
    {
        var from = SpaceTestSupport.NewKey();
        var to = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(from);
        await Admin.CreateSpaceAsync(to);
        var root = await Id(from, "Root");
        var child = await Id(from, "Child", root);
        var grandchild = await Id(from, "Grandchild", child);
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = grandchild, type = "page" }, body = StorageBody("<p>c</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var target = await Id(to, "Target");

        (await Move(root, "append", target)).Expect(HttpStatusCode.OK);
        foreach (var id in new[] { root, child, grandchild, comment })
            Assert.Equal(to, (string?)(await Admin.GetContentAsync(id, "?expand=space"))["space"]?["key"]);
        Assert.Equal(["Root", "Child", "Grandchild"],
            (await Admin.Get($"{ContentUrl}/{target}/descendant/page")).Json!["results"]!.AsArray().Select(r => (string?)r!["title"]).ToList());
    }

    [SkippableFact]
    public async Task Bad_moves_are_refused_and_change_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        var otherKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        await Admin.CreateSpaceAsync(otherKey);
        var top = await Id(key, "Top");
        var child = await Id(key, "Child", top);
        var grandchild = await Id(key, "Grandchild", child);
        var clash = await Id(otherKey, "Top");
        var post = (string)(await Admin.CreatePageAsync(key, "Post", type: "blogpost"))["id"]!;

        (await Move(top, "append", grandchild)).ExpectError(HttpStatusCode.BadRequest);
        (await Move(top, "before", child)).ExpectError(HttpStatusCode.BadRequest);
        (await Move(top, "append", top)).ExpectError(HttpStatusCode.BadRequest);
        (await Move(top, "beside", child)).ExpectError(HttpStatusCode.BadRequest);
        (await Move(post, "append", top)).ExpectError(HttpStatusCode.BadRequest);
        (await Move(child, "append", post)).ExpectError(HttpStatusCode.BadRequest);
        (await Move(top, "after", clash)).ExpectError(HttpStatusCode.BadRequest);
        (await Move(child, "append", "999999999")).ExpectError(HttpStatusCode.NotFound);
        (await Move("abc", "append", top)).ExpectError(HttpStatusCode.NotFound);
        (await Move(child, "append", "-5")).ExpectError(HttpStatusCode.NotFound);

        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var hidden = await Id(privateKey, "Hidden");
        var reader = await NewUserAsync();
        (await Move(child, "append", hidden, reader.Client)).ExpectError(HttpStatusCode.NotFound);
        (await Move(hidden, "append", child, reader.Client)).ExpectError(HttpStatusCode.NotFound);

        Assert.Equal(["Child"], await ChildTitles(top));
        Assert.Equal(["Grandchild"], await ChildTitles(child));
        Assert.Equal(key, (string?)(await Admin.GetContentAsync(top, "?expand=space"))["space"]?["key"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentMoveTestsOnSqlite(SqliteServerFixture fixture) : ContentMoveTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentMoveTestsOnPostgres(PostgresServerFixture fixture) : ContentMoveTests(fixture);
