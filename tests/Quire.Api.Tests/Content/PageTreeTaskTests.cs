using System.Net;
using Quire.Api.Tests.ApiV2;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>DELETE /content/{id}/pageTree and POST /content/archive, both run as long tasks.</summary>
public abstract class PageTreeTaskTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<string> Status(string id) => (string)(await Admin.GetContentAsync(id, "?status=any"))["status"]!;

    [SkippableFact]
    public async Task Deleting_a_page_tree_trashes_the_page_and_all_its_descendants()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var child = (string)(await Admin.CreatePageAsync(key, "Child", parentId: root))["id"]!;
        var grandchild = (string)(await Admin.CreatePageAsync(key, "Grandchild", parentId: child))["id"]!;
        var sibling = (string)(await Admin.CreatePageAsync(key, "Sibling"))["id"]!;

        var task = (await Admin.Delete($"{ContentUrl}/{root}/pageTree")).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await Admin.WaitForTaskAsync((string)task["id"]!))["successful"]);
        foreach (var id in new[] { root, child, grandchild }) Assert.Equal("trashed", await Status(id));
        Assert.Equal("current", await Status(sibling));
        // Their titles are free again.
        await Admin.CreatePageAsync(key, "Child");
    }

    [SkippableFact]
    public async Task Deleting_a_page_tree_trashes_the_folders_in_it_and_the_pages_in_them()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var folder = (string)(await Admin.PostJson($"{ApiV2TestSupport.V2}/folders", new { spaceId, title = "Docs", parentId = root }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var inFolder = (string)(await Admin.CreatePageAsync(key, "In folder", parentId: folder))["id"]!;
        var board = (string)(await Admin.PostJson($"{ApiV2TestSupport.V2}/whiteboards", new { spaceId, title = "Board", parentId = inFolder }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var underBoard = (string)(await Admin.CreatePageAsync(key, "Under board", parentId: board))["id"]!;

        var task = (await Admin.Delete($"{ContentUrl}/{root}/pageTree")).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await Admin.WaitForTaskAsync((string)task["id"]!))["successful"]);
        // Nothing stays current under the trashed page, so purging it (parent_id cascades) deletes only what is in the trash.
        foreach (var id in new[] { root, folder, inFolder, board, underBoard }) Assert.Equal("trashed", await Status(id));
    }

    [SkippableFact]
    public async Task V1_descendant_pages_include_the_pages_in_folders_but_not_the_folders()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var child = (string)(await Admin.CreatePageAsync(key, "Child", parentId: root))["id"]!;
        var folder = (string)(await Admin.PostJson($"{ApiV2TestSupport.V2}/folders", new { spaceId, title = "Docs", parentId = root }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var inFolder = (string)(await Admin.CreatePageAsync(key, "In folder", parentId: folder))["id"]!;
        var below = (string)(await Admin.CreatePageAsync(key, "Below", parentId: inFolder))["id"]!;

        var all = (await Admin.Get($"{ContentUrl}/{root}/descendant/page")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal([child, inFolder, below], all.Select(c => (string?)c!["id"]));
        // depth counts the folder's level, as v2's descendants do: the folder's page is two levels down.
        var two = (await Admin.Get($"{ContentUrl}/{root}/descendant/page?depth=2")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal([child, inFolder], two.Select(c => (string?)c!["id"]));
    }

    [SkippableFact]
    public async Task Bad_page_tree_deletions_are_refused_and_change_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var post = (string)(await Admin.CreatePageAsync(key, "Post", type: "blogpost"))["id"]!;
        var reader = await NewUserAsync();
        (await reader.Client.Delete($"{ContentUrl}/{root}/pageTree")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Delete($"{ContentUrl}/{post}/pageTree")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{ContentUrl}/999999999/pageTree")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"{ContentUrl}/abc/pageTree")).ExpectError(HttpStatusCode.NotFound);
        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var hidden = (string)(await Admin.CreatePageAsync(privateKey, "Hidden"))["id"]!;
        (await reader.Client.Delete($"{ContentUrl}/{hidden}/pageTree")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal("current", await Status(root));
        Assert.Equal("current", await Status(hidden));
    }

    [SkippableFact]
    public async Task Pages_are_archived_and_bad_archive_requests_change_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var first = (string)(await Admin.CreatePageAsync(key, "First"))["id"]!;
        var second = (string)(await Admin.CreatePageAsync(key, "Second"))["id"]!;
        var post = (string)(await Admin.CreatePageAsync(key, "Post", type: "blogpost"))["id"]!;

        (await Admin.PostJson($"{ContentUrl}/archive", new { pages = new object[] { new { id = long.Parse(first) }, new { id = post } } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/archive", new { pages = new[] { new { id = 999999999L } } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/archive", new { pages = new[] { new { id = true } } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/archive", new { pages = Array.Empty<object>() })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/archive", new { })).ExpectError(HttpStatusCode.BadRequest);
        var reader = await NewUserAsync();
        (await reader.Client.PostJson($"{ContentUrl}/archive", new { pages = new[] { new { id = long.Parse(first) } } })).ExpectError(HttpStatusCode.Forbidden);
        Assert.Equal("current", await Status(first));

        var task = (await Admin.PostJson($"{ContentUrl}/archive", new { pages = new[] { new { id = long.Parse(first) }, new { id = long.Parse(second) } } }))
            .Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await Admin.WaitForTaskAsync((string)task["id"]!))["successful"]);
        Assert.Equal("archived", await Status(first));
        Assert.Equal("archived", (string?)(await Admin.GetContentAsync(second, "?status=archived"))["status"]);
        (await Admin.Get($"{ContentUrl}/{second}")).ExpectError(HttpStatusCode.NotFound);
        // Already archived pages cannot be archived again.
        (await Admin.PostJson($"{ContentUrl}/archive", new { pages = new[] { new { id = long.Parse(first) } } })).ExpectError(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PageTreeTaskTestsOnSqlite(SqliteServerFixture fixture) : PageTreeTaskTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PageTreeTaskTestsOnPostgres(PostgresServerFixture fixture) : PageTreeTaskTests(fixture);
