using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using Xunit.Abstractions;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// Expansions below <c>children.&lt;type&gt;</c>, <c>descendants.&lt;type&gt;</c> and <c>ancestors</c>
/// (<c>children.page.body.storage</c>, <c>ancestors.version</c>): applied to the members as to the
/// content itself, bounded in depth and in members, and loaded per expansion, not per member.
/// </summary>
public abstract class NestedExpansionTests(ServerFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    private static JsonArray Results(JsonNode node) => node["results"]!.AsArray();

    private async Task<string> CommentAsync(string pageId, string text) =>
        (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = pageId, type = "page" }, body = StorageBody($"<p>{text}</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;

    [SkippableFact]
    public async Task Expansions_below_children_descendants_and_ancestors_are_applied()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = (string)(await Admin.CreatePageAsync(key, "Top", "<p>top body</p>"))["id"]!;
        var first = (string)(await Admin.CreatePageAsync(key, "First", "<p>first body</p>", parentId: top))["id"]!;
        await Admin.UpdateAsync(first, 2, "First", "<p>first body v2</p>");
        await Admin.CreatePageAsync(key, "Second", "<p>second body</p>", parentId: top);
        var grandchild = (string)(await Admin.CreatePageAsync(key, "Grandchild", "<p>grand body</p>", parentId: first))["id"]!;
        await CommentAsync(top, "said on top");

        var expanded = await Admin.GetContentAsync(top,
            "?expand=children.page.body.storage,children.page.version,children.page.children.page.body.view,descendants.comment.body.view," +
            "descendants.comment.container");
        var children = Results(expanded["children"]!["page"]!);
        Assert.Equal(["First", "Second"], children.Select(c => (string?)c!["title"]));
        Assert.Equal("<p>first body v2</p>", (string?)children[0]!["body"]!["storage"]!["value"]);
        Assert.Equal("storage", (string?)children[0]!["body"]!["storage"]!["representation"]);
        Assert.Equal(2, (int?)children[0]!["version"]!["number"]);
        Assert.Equal(1, (int?)children[1]!["version"]!["number"]);
        Assert.Null(children[0]!["_expandable"]!["version"]);
        Assert.NotNull(children[0]!["_expandable"]!["history"]);
        // Two levels down: the grandchild's view, and nothing asked of it beyond that.
        var grand = Results(children[0]!["children"]!["page"]!);
        Assert.Equal(grandchild, (string?)grand[0]!["id"]);
        Assert.Contains("grand body", (string?)grand[0]!["body"]!["view"]!["value"]);
        Assert.Null(grand[0]!["version"]);
        Assert.Empty(Results(children[1]!["children"]!["page"]!));
        // The page's comments among its descendants, with their container.
        var comment = Results(expanded["descendants"]!["comment"]!).Single()!;
        Assert.Contains("said on top", (string?)comment["body"]!["view"]!["value"]);
        Assert.Equal(top, (string?)comment["container"]!["id"]);

        // Ancestors with their version and space, root first.
        var leaf = await Admin.GetContentAsync(grandchild, "?expand=ancestors.version,ancestors.space,ancestors.body.storage");
        var ancestors = leaf["ancestors"]!.AsArray();
        Assert.Equal([top, first], ancestors.Select(a => (string?)a!["id"]));
        Assert.Equal([1, 2], ancestors.Select(a => (int?)a!["version"]!["number"]));
        Assert.All(ancestors, a => Assert.Equal(key, (string?)a!["space"]!["key"]));
        Assert.Equal("<p>first body v2</p>", (string?)ancestors[1]!["body"]!["storage"]!["value"]);

        // Without a nested expansion members stay minimal, as before.
        var plain = await Admin.GetContentAsync(top, "?expand=children.page,ancestors");
        var member = Results(plain["children"]!["page"]!)[0]!;
        Assert.Null(member["body"]);
        Assert.Null(member["version"]);
        Assert.Equal("First", (string?)member["title"]);

        // The children map of the child listing applies them too.
        var map = (await Admin.Get($"{ContentUrl}/{top}/child?expand=page.children.page.version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int?)Results(Results(map["page"]!)[0]!["children"]!["page"]!)[0]!["version"]!["number"]);
    }

    /// <summary>Nested expansions reach three levels of members; a fourth level shows its members minimally.</summary>
    [SkippableFact]
    public async Task Nested_expansions_stop_after_three_levels()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var chain = new List<string>();
        for (var i = 0; i < 6; i++)
            chain.Add((string)(await Admin.CreatePageAsync(key, $"Level {i}", parentId: i == 0 ? null : chain[^1]))["id"]!);

        var leaf = await Admin.GetContentAsync(chain[^1],
            "?expand=ancestors.version,ancestors.ancestors.version,ancestors.ancestors.ancestors.version,ancestors.ancestors.ancestors.ancestors.version");
        // Level 1: the leaf's ancestors; level 2: theirs; level 3: theirs, each with its version; level 4: minimal.
        var level1 = leaf["ancestors"]!.AsArray();
        Assert.Equal(chain[..^1], level1.Select(a => (string?)a!["id"]));
        Assert.All(level1, a => Assert.Equal(1, (int?)a!["version"]!["number"]));
        var level2 = level1[^1]!["ancestors"]!.AsArray();
        Assert.Equal(chain[..^2], level2.Select(a => (string?)a!["id"]));
        Assert.All(level2, a => Assert.Equal(1, (int?)a!["version"]!["number"]));
        var level3 = level2[^1]!["ancestors"]!.AsArray();
        Assert.Equal(chain[..^3], level3.Select(a => (string?)a!["id"]));
        Assert.All(level3, a => Assert.Equal(1, (int?)a!["version"]!["number"]));
        var level4 = level3[^1]!["ancestors"]!.AsArray();
        Assert.Equal(chain[..^4], level4.Select(a => (string?)a!["id"]));
        Assert.All(level4, a => Assert.Null(a!["version"]));
        Assert.All(level4, a => Assert.Null(a!["ancestors"]));
    }

    /// <summary>
    /// One request renders at most 1,000 members with nested expansions: 40 children of 25 pages
    /// each is 1,000 and expands; 41 is more, and the level shows its members minimally.
    /// </summary>
    [SkippableFact]
    public async Task Nested_expansions_render_at_most_a_thousand_members_per_request()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var top = (string)(await Admin.CreatePageAsync(key, "Top"))["id"]!;
        var chapter = (string)(await Admin.CreatePageAsync(key, "Chapter", parentId: top))["id"]!;
        for (var i = 0; i < 25; i++) await Admin.CreatePageAsync(key, $"Section {i}", parentId: chapter);
        // 40 copies of the chapter beside it, by hierarchy copies (each a long task).
        var tasks = new List<string>();
        for (var copy = 1; copy <= 40; copy++)
            tasks.Add((string)(await Admin.PostJson($"{ContentUrl}/{chapter}/pagehierarchy/copy", new
            {
                destinationPageId = top, titleOptions = new { prefix = $"Copy {copy:D2} " },
            })).Expect(HttpStatusCode.Accepted).Json!["id"]!);
        foreach (var task in tasks) Assert.True((bool?)(await Admin.WaitForTaskAsync(task))["successful"]);

        // Each copy's root lands under Top, beside the chapter.
        async Task<JsonArray> ChildrenAsync(int limit) =>
            Results((await Admin.Get($"{ContentUrl}/{top}/child/page?limit={limit}&expand=children.page.version")).Expect(HttpStatusCode.OK).Json!);
        var forty = await ChildrenAsync(40);
        Assert.Equal(40, forty.Count);
        Assert.All(forty, c => Assert.Equal(25, Results(c!["children"]!["page"]!).Count));
        Assert.All(forty, c => Assert.All(Results(c!["children"]!["page"]!), g => Assert.Equal(1, (int?)g!["version"]!["number"])));
        var all = await ChildrenAsync(250);
        Assert.Equal(41, all.Count);
        Assert.All(all, c => Assert.Equal(25, Results(c!["children"]!["page"]!).Count));
        Assert.All(all, c => Assert.All(Results(c!["children"]!["page"]!), g => Assert.Null(g!["version"])));
    }

    [SkippableFact]
    public async Task Nested_expansions_cost_the_same_queries_for_3_members_as_for_30()
    {
        const string expand =
            "children.page.body.storage,children.page.version,children.page.children.page.version,children.page.ancestors.version," +
            "children.page.descendants.comment.body.view,descendants.page.space,ancestors.version,ancestors.space";
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var small = (string)(await Admin.CreatePageAsync(key, "Small", parentId: root))["id"]!;
        var large = (string)(await Admin.CreatePageAsync(key, "Large", parentId: root))["id"]!;
        async Task ChildrenAsync(string parent, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var child = (string)(await Admin.CreatePageAsync(key, $"{parent} child {i}", $"<p>body {i}</p>", parentId: parent))["id"]!;
                await Admin.CreatePageAsync(key, $"{parent} grandchild {i}", parentId: child);
                await CommentAsync(child, $"comment {i}");
            }
        }
        await ChildrenAsync(small, 3);
        await ChildrenAsync(large, 30);

        var database = Server.Services.GetRequiredService<Database>();
        Task<long> CommandsFor(string url, Action<JsonNode> check) => Admin.FewestCommandsAsync(database, url, check: check);
        void Shows(JsonNode content, int members)
        {
            var children = Results(content["children"]!["page"]!);
            Assert.Equal(members, children.Count);
            Assert.All(children, c =>
            {
                Assert.StartsWith("<p>body ", (string?)c!["body"]!["storage"]!["value"]);
                Assert.Equal(1, (int?)c["version"]!["number"]);
                Assert.Equal(1, (int?)Results(c["children"]!["page"]!).Single()!["version"]!["number"]);
                Assert.Equal(2, c["ancestors"]!.AsArray().Count);
                Assert.All(c["ancestors"]!.AsArray(), a => Assert.Equal(1, (int?)a!["version"]!["number"]));
                Assert.Contains("comment", (string?)Results(c["descendants"]!["comment"]!).Single()!["body"]!["view"]!["value"]);
            });
            Assert.All(Results(content["descendants"]!["page"]!), d => Assert.Equal(key, (string?)d!["space"]!["key"]));
            Assert.Equal(root, (string?)content["ancestors"]![0]!["id"]);
            Assert.Equal(1, (int?)content["ancestors"]![0]!["version"]!["number"]);
        }

        // One piece of content: 3 children against 30 (of which the expansion shows its first 25).
        var forSmall = await CommandsFor($"{ContentUrl}/{small}?expand={expand}", c => Shows(c, 3));
        var forLarge = await CommandsFor($"{ContentUrl}/{large}?expand={expand}", c => Shows(c, 25));
        output.WriteLine($"nested expansions ({Server.Engine}): {forSmall} commands for 3 children, {forLarge} for 30");
        Assert.Equal(forSmall, forLarge);

        // A listing: each of its items carries its members (3 items against 30).
        var listing = "children.page.version,children.page.body.storage,ancestors.version,descendants.comment.body.storage";
        void Listed(JsonNode page, int items)
        {
            var results = Results(page);
            Assert.Equal(items, results.Count);
            Assert.All(results, r =>
            {
                Assert.Equal(1, (int?)Results(r!["children"]!["page"]!).Single()!["version"]!["number"]);
                Assert.Equal(2, r["ancestors"]!.AsArray().Count(a => a!["version"] is not null));
                Assert.Contains("comment", (string?)Results(r["descendants"]!["comment"]!).Single()!["body"]!["storage"]!["value"]);
            });
        }
        var listSmall = await CommandsFor($"{ContentUrl}/{small}/child/page?limit=250&expand={listing}", p => Listed(p, 3));
        var listLarge = await CommandsFor($"{ContentUrl}/{large}/child/page?limit=250&expand={listing}", p => Listed(p, 30));
        output.WriteLine($"nested expansions in a listing ({Server.Engine}): {listSmall} commands for 3 items, {listLarge} for 30");
        Assert.Equal(listSmall, listLarge);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NestedExpansionTestsOnSqlite(SqliteServerFixture fixture, ITestOutputHelper output) : NestedExpansionTests(fixture, output);

[Collection(PostgresCollection.Name)]
public sealed class NestedExpansionTestsOnPostgres(PostgresServerFixture fixture, ITestOutputHelper output) : NestedExpansionTests(fixture, output);
