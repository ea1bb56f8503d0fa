using System.Net;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.TreeContent;

/// <summary>
/// Folders in the page tree: pages are created in them through v1 and v2, move in and out, list under them in v1, and
/// name them among their ancestors; a trashed folder hands its pages up; the page tree's cycle check covers folders.
/// </summary>
public abstract class FolderTreeTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Pages_created_in_a_folder_show_it_in_v1_and_v2()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreateV2PageAsync(spaceId, "Top", query: "?root-level=true"))["id"]!;
        var first = (string)(await Admin.CreateV2PageAsync(spaceId, "First", parentId: top))["id"]!;
        var folder = (string)(await Admin.PostJson($"{V2}/folders", new { spaceId, title = "Docs", parentId = top })).Expect(HttpStatusCode.OK).Json!["id"]!;
        Assert.Equal(1, (int?)(await Admin.Get($"{V2}/folders/{folder}")).Json!["position"]);
        var v2Page = (await Admin.CreateV2PageAsync(spaceId, "In v2", parentId: folder));
        var v1Page = (string)(await Admin.CreatePageAsync(key, "In v1", parentId: folder))["id"]!;
        Assert.Equal(folder, (string?)v2Page["parentId"]);
        Assert.Equal("folder", (string?)v2Page["parentType"]);
        var inV1 = (await Admin.Get($"{V2}/pages/{v1Page}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("folder", (string?)inV1["parentType"]);

        // v2: the folder is among the page's ancestors, and among its parent's direct children with its type.
        var ancestors = (await Admin.Get($"{V2}/pages/{v1Page}/ancestors")).Results();
        Assert.Equal([top, folder], ancestors.Each("id"));
        Assert.Equal(["page", "folder"], ancestors.Each("type"));
        var direct = (await Admin.Get($"{V2}/pages/{top}/direct-children")).Results();
        Assert.Equal([first, folder], direct.Each("id"));
        Assert.Equal(["page", "folder"], direct.Each("type"));
        // /children lists child pages only; descendants walk through the folder.
        Assert.Equal([first], (await Admin.Get($"{V2}/pages/{top}/children")).Results().Each("id"));
        var descendants = (await Admin.Get($"{V2}/pages/{top}/descendants")).Results();
        Assert.Equal([first, folder, (string)v2Page["id"]!, v1Page], descendants.Each("id"));
        Assert.Equal(["1", "1", "2", "2"], descendants.Each("depth"));

        // The folder's own children and descendants (confluence.js's folder methods); not under another kind's URL.
        var inFolder = (await Admin.Get($"{V2}/folders/{folder}/direct-children")).Results();
        Assert.Equal([(string)v2Page["id"]!, v1Page], inFolder.Each("id"));
        Assert.Equal(["page", "page"], inFolder.Each("type"));
        Assert.Equal([(string)v2Page["id"]!, v1Page], (await Admin.Get($"{V2}/folders/{folder}/descendants")).Results().Each("id"));
        (await Admin.Get($"{V2}/whiteboards/{folder}/direct-children")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/databases/{folder}/descendants")).ExpectV2Error(HttpStatusCode.NotFound);

        // v1: the folder's pages are its child pages, and the page's ancestors include it with its type.
        var children = (await Admin.Get($"{ContentUrl}/{folder}/child/page")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal([(string)v2Page["id"]!, v1Page], children.Select(c => (string?)c!["id"]));
        var v1Ancestors = (await Admin.GetContentAsync(v1Page, "?expand=ancestors"))["ancestors"]!.AsArray();
        Assert.Equal([top, folder], v1Ancestors.Select(a => (string?)a!["id"]));
        Assert.Equal(["page", "folder"], v1Ancestors.Select(a => (string?)a!["type"]));
        Assert.Equal("folder", (string?)(await Admin.GetContentAsync(folder))["type"]);
    }

    [SkippableFact]
    public async Task Pages_and_folders_move_in_and_out_of_folders_without_cycles()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreateV2PageAsync(spaceId, "Top", query: "?root-level=true"))["id"]!;
        var folderA = (string)(await Admin.PostJson($"{V2}/folders", new { spaceId, title = "A", parentId = top })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var folderB = (string)(await Admin.PostJson($"{V2}/folders", new { spaceId, title = "B", parentId = top })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var page = (string)(await Admin.CreatePageAsync(key, "Mover", parentId: folderA))["id"]!;

        // v1 move into another folder.
        (await Admin.PutJson($"{ContentUrl}/{page}/move/append/{folderB}", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal(folderB, (string?)(await Admin.Get($"{V2}/pages/{page}")).Json!["parentId"]);
        Assert.Empty((await Admin.Get($"{ContentUrl}/{folderA}/child/page")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());

        // v2 update moves it out of the folder, back under the top page.
        var moved = (await Admin.PutJson($"{V2}/pages/{page}", new
        {
            id = page, status = "current", title = "Mover", parentId = top, version = new { number = 2 },
            body = new { representation = "storage", value = "<p>moved</p>" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(top, (string?)moved["parentId"]);
        Assert.Equal("page", (string?)moved["parentType"]);

        // A folder moves too, into the other folder; but not under a page inside it.
        (await Admin.PutJson($"{ContentUrl}/{folderA}/move/append/{folderB}", new { })).Expect(HttpStatusCode.OK);
        Assert.Equal([top, folderB], (await Admin.Get($"{V2}/folders/{folderA}/ancestors")).Results().Each("id"));
        var deep = (string)(await Admin.CreatePageAsync(key, "Deep", parentId: folderA))["id"]!;
        (await Admin.PutJson($"{ContentUrl}/{folderB}/move/append/{deep}", new { })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal([top], (await Admin.Get($"{V2}/folders/{folderB}/ancestors")).Results().Each("id"));

        // Trashing a folder hands its pages (and folders) up to its parent, as a trashed page does.
        (await Admin.Delete($"{V2}/folders/{folderB}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(top, (string?)(await Admin.Get($"{V2}/folders/{folderA}")).Json!["parentId"]);
        Assert.Equal([top, folderA], (await Admin.Get($"{V2}/pages/{deep}/ancestors")).Results().Each("id"));
        // A trashed folder takes no new children.
        (await Admin.PostJson($"{V2}/whiteboards", new { spaceId, title = "Late", parentId = folderB })).ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FolderTreeTestsOnSqlite(SqliteServerFixture fixture) : FolderTreeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class FolderTreeTestsOnPostgres(PostgresServerFixture fixture) : FolderTreeTests(fixture);
