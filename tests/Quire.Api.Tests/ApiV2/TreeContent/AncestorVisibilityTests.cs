using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.TreeContent;

/// <summary>
/// Ancestors follow the read rule: a reader of a page never learns the id and title of a trashed ancestor (unless they
/// administer the space, who see its trash) through v1's <c>expand=ancestors</c> or v2's <c>/ancestors</c>.
/// </summary>
public abstract class AncestorVisibilityTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_trashed_ancestor_is_left_out_for_readers_and_shown_to_space_admins()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreatePageAsync(key, "Secret top"))["id"]!;
        var folder = (string)(await Admin.PostJson($"{V2}/folders", new { spaceId, title = "Kept", parentId = top })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var page = (string)(await Admin.CreatePageAsync(key, "Kept page", parentId: folder))["id"]!;
        var task = (await Admin.Delete($"{ContentUrl}/{top}/pageTree")).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await Admin.WaitForTaskAsync((string)task["id"]!))["successful"]);
        // The folder and its page come back from the trash; their top page stays there.
        (await Admin.PutJson($"{ContentUrl}/{folder}", new { type = "folder", title = "Kept", status = "current", version = new { number = 2 } }))
            .Expect(HttpStatusCode.OK);
        (await Admin.PutJson($"{ContentUrl}/{page}", new { type = "page", title = "Kept page", status = "current", version = new { number = 2 } }))
            .Expect(HttpStatusCode.OK);

        var reader = (await NewUserAsync()).Client;
        var v1 = (await reader.Get($"{ContentUrl}/{page}?expand=ancestors")).Expect(HttpStatusCode.OK).Json!["ancestors"]!.AsArray();
        Assert.Equal([folder], v1.Select(a => (string?)a!["id"]));
        Assert.Equal([folder], (await reader.Get($"{V2}/pages/{page}/ancestors")).Results().Each("id"));
        Assert.Empty((await reader.Get($"{V2}/folders/{folder}/ancestors")).Results());
        Assert.DoesNotContain("Secret top", (await reader.Get($"{ContentUrl}/{page}?expand=ancestors")).Body);

        // The space's admin sees its trash, and so the whole chain.
        Assert.Equal([top, folder], (await Admin.Get($"{V2}/pages/{page}/ancestors")).Results().Each("id"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AncestorVisibilityTestsOnSqlite(SqliteServerFixture fixture) : AncestorVisibilityTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AncestorVisibilityTestsOnPostgres(PostgresServerFixture fixture) : AncestorVisibilityTests(fixture);
