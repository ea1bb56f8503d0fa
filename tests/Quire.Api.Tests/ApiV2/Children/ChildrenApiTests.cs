using System.Net;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.Children;

/// <summary>Child pages, direct children, descendants and ancestors of pages through v2.</summary>
public abstract class ChildrenApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Children_written_in_v2_are_listed_in_tree_order_and_read_in_v1()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreateV2PageAsync(spaceId, "Top"))["id"]!;
        var first = (string)(await Admin.CreateV2PageAsync(spaceId, "C first", parentId: top))["id"]!;
        var second = (string)(await Admin.CreateV2PageAsync(spaceId, "A second", parentId: top))["id"]!;
        var third = (string)(await Admin.CreateV2PageAsync(spaceId, "B third", parentId: top))["id"]!;
        await Admin.CreateV2PageAsync(spaceId, "Draft child", parentId: top, status: "draft");

        var children = (await Admin.Get($"{V2}/pages/{top}/children")).Results();
        Assert.Equal([first, second, third], children.Each("id"));
        Assert.Equal(["0", "1", "2"], children.Each("childPosition"));
        Assert.All(children, c => Assert.Equal(spaceId, (string?)c["spaceId"]));
        Assert.All(children, c => Assert.Equal("current", (string?)c["status"]));
        Assert.Equal([third, second, first], (await Admin.Get($"{V2}/pages/{top}/children?sort=-child-position")).Results().Each("id"));
        Assert.Equal([first, second, third], (await Admin.Get($"{V2}/pages/{top}/children?sort=id")).Results().Each("id"));
        Assert.Equal([third, second, first], (await Admin.Get($"{V2}/pages/{top}/children?sort=-created-date")).Results().Each("id"));

        // The same children as v1's listing, in the same order.
        var v1 = (await Admin.Get($"{ContentUrl}/{top}/child/page")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal([first, second, third], v1.Select(c => (string?)c!["id"]));

        var direct = (await Admin.Get($"{V2}/pages/{top}/direct-children")).Results();
        Assert.Equal([first, second, third], direct.Each("id"));
        Assert.All(direct, c => Assert.Equal("page", (string?)c["type"]));
        Assert.Equal(["C first", "A second", "B third"], direct.Each("title"));

        // A blog post has no child pages; a page id of another kind is not a page.
        var blog = (string)(await Admin.CreatePageAsync(key, "Post", type: "blogpost"))["id"]!;
        (await Admin.Get($"{V2}/pages/{blog}/children")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Empty((await Admin.Get($"{V2}/pages/{first}/children")).Results());
    }

    [SkippableFact]
    public async Task A_children_walk_meets_every_page_once_while_pages_are_added_and_trashed()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreatePageAsync(key, "Family"))["id"]!;
        var ids = new List<string>();
        for (var i = 0; i < 12; i++) ids.Add((string)(await Admin.CreatePageAsync(key, $"Child {i:00}", parentId: top))["id"]!);

        var added = new List<string>();
        var walked = await Admin.WalkAsync($"{V2}/pages/{top}/children?limit=5", async page =>
        {
            if (page != 0) return;
            // Behind the walk: trash a page already seen; ahead of it: trash one not seen yet and add a new last child.
            (await Admin.Delete($"{ContentUrl}/{ids[1]}")).Expect(HttpStatusCode.NoContent);
            (await Admin.Delete($"{ContentUrl}/{ids[8]}")).Expect(HttpStatusCode.NoContent);
            added.Add((string)(await Admin.CreatePageAsync(key, "Late child", parentId: top))["id"]!);
        });
        var expected = ids.Where(id => id != ids[8]).Concat(added).ToList();
        Assert.Equal(expected.Select(id => (string?)id).ToList(), walked.Each("id"));
        Assert.Equal(walked.Count, walked.Each("id").Distinct().Count());

        var byModified = await Admin.WalkAsync($"{V2}/pages/{top}/direct-children?limit=4&sort=modified-date");
        Assert.Equal(expected.Count - 1, byModified.Count);
    }

    [SkippableFact]
    public async Task Descendants_come_level_by_level_to_the_asked_depth_and_ancestors_highest_first()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var a = (string)(await Admin.CreatePageAsync(key, "A", parentId: top))["id"]!;
        var b = (string)(await Admin.CreatePageAsync(key, "B", parentId: top))["id"]!;
        var a1 = (string)(await Admin.CreatePageAsync(key, "A1", parentId: a))["id"]!;
        var b1 = (string)(await Admin.CreatePageAsync(key, "B1", parentId: b))["id"]!;
        var a1x = (string)(await Admin.CreatePageAsync(key, "A1x", parentId: a1))["id"]!;

        var all = (await Admin.Get($"{V2}/pages/{top}/descendants")).Results();
        Assert.Equal([a, b, a1, b1, a1x], all.Each("id"));
        Assert.Equal(["1", "1", "2", "2", "3"], all.Each("depth"));
        Assert.Equal([top, top, a, b, a1], all.Each("parentId"));
        Assert.All(all, d => Assert.Equal("page", (string?)d["type"]));
        Assert.All(all, d => Assert.EndsWith("Z", (string)d["lastModified"]!));
        Assert.Equal([a, b, a1, b1], (await Admin.Get($"{V2}/pages/{top}/descendants?depth=2")).Results().Each("id"));
        Assert.Equal([a, b, a1, b1, a1x], (await Admin.WalkAsync($"{V2}/pages/{top}/descendants?limit=2")).Each("id"));

        // A page hidden from the reader hides its subtree.
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(a, RestrictionTestSupport.Entry("read", [me]));
        var reader = await NewUserAsync();
        Assert.Equal([b, b1], (await reader.Client.Get($"{V2}/pages/{top}/descendants")).Results().Each("id"));
        Assert.Equal([b], (await reader.Client.Get($"{V2}/pages/{top}/children")).Results().Each("id"));

        var ancestors = (await Admin.Get($"{V2}/pages/{a1x}/ancestors")).Results();
        // v1 creates a page without ancestors at the top of its space.
        Assert.Equal([top, a, a1], ancestors.Each("id"));
        Assert.All(ancestors, x => Assert.Equal("page", (string?)x["type"]));
        // With a limit, the nearest ones, still highest first; the client goes on from the highest.
        Assert.Equal([a, a1], (await Admin.Get($"{V2}/pages/{a1x}/ancestors?limit=2")).Results().Each("id"));
        // An ancestor the reader may not read is left out.
        Assert.DoesNotContain(a, (await reader.Client.Get($"{V2}/pages/{b1}/ancestors")).Results().Each("id"));
        (await reader.Client.Get($"{V2}/pages/{a1x}/ancestors")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Bad_tree_queries_answer_a_v2_error()
    {
        var (key, _) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreatePageAsync(key, "Checked"))["id"]!;
        await Admin.CreatePageAsync(key, "Kid", parentId: top);

        (await Admin.Get($"{V2}/pages/{top}/children?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{top}/children?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{top}/direct-children?cursor=abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{top}/descendants?depth=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{top}/descendants?depth=101")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/{top}/ancestors?limit=251")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/top/children")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/pages/999999999/children")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{V2}/pages/999999999/descendants")).ExpectV2Error(HttpStatusCode.NotFound);
        // A cursor of the children walk is not one of the descendants walk.
        await Admin.CreatePageAsync(key, "Kid two", parentId: top);
        var next = (string)(await Admin.Get($"{V2}/pages/{top}/children?limit=1")).Expect(HttpStatusCode.OK).Json!["_links"]!["next"]!;
        var cursor = next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..];
        (await Admin.Get($"{V2}/pages/{top}/descendants?cursor={cursor}")).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal(2, (await Admin.Get($"{V2}/pages/{top}/children")).Results().Count);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ChildrenApiTestsOnSqlite(SqliteServerFixture fixture) : ChildrenApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ChildrenApiTestsOnPostgres(PostgresServerFixture fixture) : ChildrenApiTests(fixture);
