using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>POST /content/{id}/pagehierarchy/copy, run as a long task.</summary>
public abstract class PageHierarchyCopyTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<List<string?>> DescendantTitles(string id) =>
        (await Admin.Get($"{ContentUrl}/{id}/descendant/page")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
            .Select(r => (string?)r!["title"]).ToList();

    [SkippableFact]
    public async Task A_hierarchy_is_copied_with_renamed_titles_by_a_long_task()
    {
        var key = SpaceTestSupport.NewKey();
        var otherKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        await Admin.CreateSpaceAsync(otherKey);
        var root = (string)(await Admin.CreatePageAsync(key, "Guide"))["id"]!;
        var chapter = (string)(await Admin.CreatePageAsync(key, "Guide chapter", "<p>ch</p>", parentId: root))["id"]!;
        await Admin.CreatePageAsync(key, "Guide appendix", parentId: chapter);
        var target = (string)(await Admin.CreatePageAsync(key, "Archive"))["id"]!;

        var task = (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new
        {
            destinationPageId = target, titleOptions = new { prefix = "Copy of ", search = "Guide", replace = "Manual" },
        })).Expect(HttpStatusCode.Accepted).Json!;
        var status = await Admin.WaitForTaskAsync((string)task["id"]!);
        Assert.True((bool?)status["successful"], status.ToJsonString());
        Assert.Equal(["Copy of Manual", "Copy of Manual chapter", "Copy of Manual appendix"], await DescendantTitles(target));
        Assert.Equal(["Guide chapter", "Guide appendix"], await DescendantTitles(root));

        // Another space needs no title options; copyDescendants=false takes the page alone.
        var elsewhere = (string)(await Admin.CreatePageAsync(otherKey, "Landing"))["id"]!;
        var numeric = (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { destinationPageId = long.Parse(elsewhere), copyDescendants = false }))
            .Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await Admin.WaitForTaskAsync((string)numeric["id"]!))["successful"]);
        Assert.Equal(["Guide"], await DescendantTitles(elsewhere));
    }

    [SkippableFact]
    public async Task Bad_hierarchy_copies_are_refused_before_any_task_runs()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var child = (string)(await Admin.CreatePageAsync(key, "Child", parentId: root))["id"]!;
        var target = (string)(await Admin.CreatePageAsync(key, "Target"))["id"]!;
        var tasks = await Server.CountAsync("SELECT COUNT(*) FROM long_tasks WHERE type = @type", new { type = "page-hierarchy-copy" });

        // Same space without renaming: every title clashes.
        (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { destinationPageId = target })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { destinationPageId = child, titleOptions = new { prefix = "X " } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { titleOptions = new { prefix = "X " } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { destinationPageId = true })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { destinationPageId = target, titleOptions = new { prefix = new string('x', 300) } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { destinationPageId = "999999999", titleOptions = new { prefix = "X " } }))
            .ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{ContentUrl}/abc/pagehierarchy/copy", new { destinationPageId = target })).ExpectError(HttpStatusCode.NotFound);

        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var hidden = (string)(await Admin.CreatePageAsync(privateKey, "Hidden"))["id"]!;
        var reader = await NewUserAsync();
        (await reader.Client.PostJson($"{ContentUrl}/{root}/pagehierarchy/copy", new { destinationPageId = hidden })).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.PostJson($"{ContentUrl}/{hidden}/pagehierarchy/copy", new { destinationPageId = target })).ExpectError(HttpStatusCode.NotFound);

        Assert.Equal(tasks, await Server.CountAsync("SELECT COUNT(*) FROM long_tasks WHERE type = @type", new { type = "page-hierarchy-copy" }));
        Assert.Empty((await Admin.Get($"{ContentUrl}/{target}/child/page")).Json!["results"]!.AsArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PageHierarchyCopyTestsOnSqlite(SqliteServerFixture fixture) : PageHierarchyCopyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PageHierarchyCopyTestsOnPostgres(PostgresServerFixture fixture) : PageHierarchyCopyTests(fixture);
