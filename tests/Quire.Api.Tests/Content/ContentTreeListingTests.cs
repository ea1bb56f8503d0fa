using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using Xunit.Abstractions;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// Children, descendants, comments and space content listings. The output helper carries the
/// 200-children listing's command count to the test log, where docs/benchmarks.md reads it.
/// </summary>
public abstract class ContentTreeListingTests(ServerFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    private static List<string?> Titles(JsonNode array) => array["results"]!.AsArray().Select(r => (string?)r!["title"]).ToList();

    private async Task<string> CommentAsync(string pageId, string? parent = null, string location = "footer")
    {
        var body = new JsonObject
        {
            ["type"] = "comment",
            ["container"] = new JsonObject { ["id"] = pageId, ["type"] = "page" },
            ["body"] = StorageBody("<p>c</p>"),
            ["extensions"] = new JsonObject { ["location"] = location },
        };
        if (parent is not null) body["ancestors"] = new JsonArray(new JsonObject { ["id"] = parent });
        return (string)(await Admin.PostJson(ContentUrl, body)).Expect(HttpStatusCode.OK).Json!["id"]!;
    }

    [SkippableFact]
    public async Task Children_descendants_and_comments_are_listed_by_type_depth_and_location()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = (string)(await Admin.CreatePageAsync(key, "Top"))["id"]!;
        var a = (string)(await Admin.CreatePageAsync(key, "A", parentId: top))["id"]!;
        await Admin.CreatePageAsync(key, "B", parentId: top);
        var a1 = (string)(await Admin.CreatePageAsync(key, "A1", parentId: a))["id"]!;
        await Admin.CreatePageAsync(key, "A1x", parentId: a1);
        await Admin.CreatePageAsync(key, "Draft child", parentId: top, status: "draft");
        var footer = await CommentAsync(top);
        await CommentAsync(top, parent: footer);
        await CommentAsync(top, location: "inline");

        var children = (await Admin.Get($"{ContentUrl}/{top}/child/page?expand=version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["A", "B"], Titles(children));
        Assert.Equal(1, (int?)children["results"]![0]!["version"]?["number"]);

        Assert.Equal(["A", "B", "A1", "A1x"], Titles((await Admin.Get($"{ContentUrl}/{top}/descendant/page")).Expect(HttpStatusCode.OK).Json!));
        Assert.Equal(["A", "B", "A1"], Titles((await Admin.Get($"{ContentUrl}/{top}/descendant/page?depth=2")).Expect(HttpStatusCode.OK).Json!));
        Assert.Equal(["A", "B"], Titles((await Admin.Get($"{ContentUrl}/{top}/descendant/page?depth=root")).Expect(HttpStatusCode.OK).Json!));

        Assert.Equal(2, (await Admin.Get($"{ContentUrl}/{top}/child/comment")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());
        Assert.Equal(3, (await Admin.Get($"{ContentUrl}/{top}/child/comment?depth=all")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());
        Assert.Equal(1, (await Admin.Get($"{ContentUrl}/{top}/child/comment?location=inline")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());
        Assert.Equal(0, (await Admin.Get($"{ContentUrl}/{top}/child/comment?location=resolved")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());
        Assert.Equal(3, (await Admin.Get($"{ContentUrl}/{top}/descendant/comment")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());
        Assert.Equal(0, (await Admin.Get($"{ContentUrl}/{top}/child/attachment")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());

        var paged = (await Admin.Get($"{ContentUrl}/{top}/descendant/page?start=1&limit=2")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["B", "A1"], Titles(paged));
        Assert.NotNull(paged["_links"]?["next"]);

        var map = (await Admin.Get($"{ContentUrl}/{top}/child?expand=page,comment.version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["A", "B"], Titles(map["page"]!));
        Assert.Equal(2, map["comment"]!["size"]!.GetValue<int>());
        Assert.NotNull(map["comment"]!["results"]![0]!["version"]);
        Assert.NotNull(map["_expandable"]?["attachment"]);
        var bare = (await Admin.Get($"{ContentUrl}/{top}/descendant")).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(bare["page"]);
        Assert.NotNull(bare["_expandable"]?["page"]);
        var descendantMap = (await Admin.Get($"{ContentUrl}/{top}/descendant?expand=page")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(4, descendantMap["page"]!["size"]!.GetValue<int>());

        var expanded = await Admin.GetContentAsync(top, "?expand=children.page,children.comment,descendants.page");
        Assert.Equal(["A", "B"], Titles(expanded["children"]!["page"]!));
        Assert.Equal(2, expanded["children"]!["comment"]!["size"]!.GetValue<int>());
        Assert.NotNull(expanded["children"]!["_expandable"]?["attachment"]);
        Assert.Equal(["A", "B", "A1", "A1x"], Titles(expanded["descendants"]!["page"]!));
        Assert.Null(expanded["descendants"]!["comment"]);
        var listed = (await Admin.Get($"{ContentUrl}/{top}/child/page?expand=children.page")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["A1"], Titles(listed["results"]![0]!["children"]!["page"]!));
        Assert.Empty(listed["results"]![1]!["children"]!["page"]!["results"]!.AsArray());

        // A comment has only attachments as children; a page answers its latest version only.
        var commentMap = (await Admin.Get($"{ContentUrl}/{footer}/child?expand=page")).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(commentMap["page"]);
        Assert.Equal(0, (await Admin.Get($"{ContentUrl}/{footer}/child/page")).Expect(HttpStatusCode.OK).Json!["size"]!.GetValue<int>());
        (await Admin.Get($"{ContentUrl}/{top}/child/page?parentVersion=1")).Expect(HttpStatusCode.OK);
        (await Admin.Get($"{ContentUrl}/{top}/child/page?parentVersion=7")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Listings_refuse_bad_parameters_and_hide_what_the_caller_cannot_see()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Parent"))["id"]!;
        (await Admin.Get($"{ContentUrl}/{page}/child/whiteboard")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/{page}/descendant/page?depth=101")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/{page}/descendant/page?depth=0")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/{page}/descendant/page?depth=-1")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/{page}/child/page?depth=all")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/{page}/child/comment?location=margin")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/{page}/child/page?limit=-1")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/{page}/child/page?parentVersion=-1")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{ContentUrl}/999999999/child")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{ContentUrl}/abc/child/page")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{ContentUrl}/abc/descendant")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"/wiki/rest/api/space/NOPE{Unique()}/content")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"/wiki/rest/api/space/{key}/content/comment")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"/wiki/rest/api/space/{key}/content?depth=2")).ExpectError(HttpStatusCode.BadRequest);

        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var hidden = (string)(await Admin.CreatePageAsync(privateKey, "Hidden"))["id"]!;
        var reader = await NewUserAsync();
        (await reader.Client.Get($"{ContentUrl}/{page}/child/page")).Expect(HttpStatusCode.OK);
        (await reader.Client.Get($"{ContentUrl}/{hidden}/child")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{ContentUrl}/{hidden}/descendant/page")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{ContentUrl}/{hidden}/child/comment")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get($"/wiki/rest/api/space/{privateKey}/content")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Deep_pages_of_children_are_slices_of_the_whole_listing_without_trashed_or_hidden_pages()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var parent = (string)(await Admin.CreatePageAsync(key, "Parent"))["id"]!;
        var ids = new List<string>();
        for (var i = 0; i < 30; i++) ids.Add((string)(await Admin.CreatePageAsync(key, $"Child {i:00}", parentId: parent))["id"]!);
        (await Admin.Delete($"{ContentUrl}/{ids[4]}")).Expect(HttpStatusCode.NoContent);
        var admin = (string)(await Admin.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!["accountId"]!;
        await Admin.RestrictAsync(ids[9], RestrictionTestSupport.Entry("read", [admin]));
        (await Admin.PutJson($"{ContentUrl}/{ids[20]}/move/before/{ids[0]}", new { })).Expect(HttpStatusCode.OK);

        // Positions after the move: the moved page first, the others in creation order.
        List<string> Expected(params int[] hidden) =>
            [ids[20], .. Enumerable.Range(0, 30).Where(i => i is not (4 or 20) && !hidden.Contains(i)).Select(i => ids[i])];
        async Task<List<string>> PageAsync(HttpClient client, int start, int limit) =>
            (await client.Get($"{ContentUrl}/{parent}/child/page?start={start}&limit={limit}")).Expect(HttpStatusCode.OK)
                .Json!["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

        foreach (var (client, expected) in new[] { (reader.Client, Expected(9)), (Admin, Expected()) })
        {
            Assert.Equal(expected, await PageAsync(client, 0, 100));
            foreach (var limit in new[] { 1, 4, 7 })
                for (var start = 0; start <= expected.Count; start += limit)
                    Assert.Equal(expected.Skip(start).Take(limit), await PageAsync(client, start, limit));
            Assert.Empty(await PageAsync(client, expected.Count + 3, 5));
        }
    }

    [SkippableFact]
    public async Task Space_content_lists_pages_then_blog_posts_by_id_with_root_depth()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = (string)(await Admin.CreatePageAsync(key, "Top"))["id"]!;
        await Admin.CreatePageAsync(key, "Child", parentId: top);
        await Admin.CreatePageAsync(key, "Post", type: "blogpost");

        var all = (await Admin.Get($"/wiki/rest/api/space/{key}/content")).Expect(HttpStatusCode.OK).Json!;
        Assert.Contains("Child", Titles(all["page"]!));
        Assert.Equal(["Post"], Titles(all["blogpost"]!));
        var root = (await Admin.Get($"/wiki/rest/api/space/{key}/content?depth=root")).Expect(HttpStatusCode.OK).Json!;
        Assert.DoesNotContain("Child", Titles(root["page"]!));
        Assert.Contains("Top", Titles(root["page"]!));
        var posts = (await Admin.Get($"/wiki/rest/api/space/{key}/content/blogpost?expand=space")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["Post"], Titles(posts));
        Assert.Equal(key, (string?)posts["results"]![0]!["space"]?["key"]);
        var ids = (await Admin.Get($"/wiki/rest/api/space/{key}/content/page")).Expect(HttpStatusCode.OK).Json!["results"]!
            .AsArray().Select(r => long.Parse((string)r!["id"]!)).ToList();
        Assert.Equal(ids.Order().ToList(), ids);
        Assert.Equal(3, ids.Count); // Top, Child and the homepage every space starts with
    }

    [SkippableFact]
    public async Task A_listing_of_200_children_runs_as_many_commands_as_one_of_3()
    {
        const string expand = "body.storage,version,space,history.lastUpdated,ancestors,container,operations,children.page,children.comment,descendants.page";
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var small = (string)(await Admin.CreatePageAsync(key, "Small"))["id"]!;
        var large = (string)(await Admin.CreatePageAsync(key, "Large"))["id"]!;
        for (var i = 0; i < 3; i++) await Admin.CreatePageAsync(key, $"Small {i}", parentId: small);
        var grandchildOf = "";
        for (var i = 0; i < 200; i++)
        {
            var child = (string)(await Admin.CreatePageAsync(key, $"Large {i}", parentId: large))["id"]!;
            if (i == 0) grandchildOf = child;
        }
        await Admin.CreatePageAsync(key, "Grandchild", parentId: grandchildOf);

        var database = Server.Services.GetRequiredService<Database>();
        async Task<long> CommandsFor(string parent, int expected)
        {
            var fewest = long.MaxValue;
            // The long-task worker's polls are not counted, but other tests' requests may run meanwhile;
            // the fewest of a few tries is the listing's own count.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var before = database.CommandCount;
                var page = (await Admin.Get($"{ContentUrl}/{parent}/child/page?limit=250&expand={expand}")).Expect(HttpStatusCode.OK).Json!;
                fewest = Math.Min(fewest, database.CommandCount - before);
                Assert.Equal(expected, page["results"]!.AsArray().Count);
            }
            return fewest;
        }
        var forSmall = await CommandsFor(small, 3);
        var forLarge = await CommandsFor(large, 200);
        output.WriteLine($"children listing ({Server.Engine}): {forSmall} commands for 3 children, {forLarge} for 200");
        Assert.Equal(forSmall, forLarge);
        Assert.InRange(forSmall, 1, 15);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentTreeListingTestsOnSqlite(SqliteServerFixture fixture, ITestOutputHelper output)
    : ContentTreeListingTests(fixture, output);

[Collection(PostgresCollection.Name)]
public sealed class ContentTreeListingTestsOnPostgres(PostgresServerFixture fixture, ITestOutputHelper output)
    : ContentTreeListingTests(fixture, output);
