using System.Globalization;
using System.Net;
using Quire.Api.Tests.ApiV2;
using Quire.Api.Tests.Infrastructure;
using Quire.Server.Web.Content;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Web;

/// <summary>
/// The space home's page tree walks its top level by keyset, as a node's children are walked: its "More pages" link carries
/// the last shown item's place (position and id), so a level longer than <see cref="PageTreeReader.LevelCap"/> shows every
/// item once, in tree order, of every page-tree kind, even when items are added or removed before the link between two pages
/// (an offset would repeat or skip one).
/// </summary>
public abstract class WebTreeTopLevelWalkTests(ServerFixture fixture) : WebTest(fixture)
{
    [SkippableFact]
    public async Task The_top_level_walks_every_item_once_in_tree_order_while_items_come_and_go_before_the_more_link()
    {
        var (key, spaceId, home) = await Admin.CreateSpaceWithHomepageAsync();
        var space = spaceId.ToString(CultureInfo.InvariantCulture);
        var expected = new List<string> { (string)(await Admin.GetContentAsync(home))["title"]! };
        var ids = new Dictionary<string, string>();
        // The home page and 53 items after it: more than a level page holds, the tree kinds among them on both pages.
        var kinds = new Dictionary<int, string> { [20] = "folders", [30] = "whiteboards", [40] = "databases", [51] = "embeds" };
        for (var i = 0; i < 53; i++)
        {
            var title = $"Top {i:00}";
            var created = kinds.TryGetValue(i, out var kind)
                ? (await Admin.PostJson($"{ApiV2TestSupport.V2}/{kind}",
                    kind == "embeds" ? new { spaceId = space, title, embedUrl = "https://example.com/" } : (object)new { spaceId = space, title }))
                    .Expect(HttpStatusCode.OK).Json!
                : await Admin.CreateV2PageAsync(space, title, query: "?root-level=true");
            ids[title] = (string)created["id"]!;
            expected.Add(title);
        }
        Assert.True(expected.Count > PageTreeReader.LevelCap);
        var browser = await AdminBrowserAsync();

        // Undisturbed: two pages, every item once and in order, the last without a link.
        var (first, more) = await LevelAsync(browser, $"/wiki/spaces/{key}");
        Assert.Equal(PageTreeReader.LevelCap, first.Length);
        Assert.Matches(@"^/wiki/spaces/[^?]+\?treeAfter=\d+_\d+$", more);
        var (second, end) = await LevelAsync(browser, more!);
        Assert.Null(end);
        Assert.Equal(expected, first.Concat(second));

        // An item restored from the trash before the link between two pages (it keeps its old place): the next page still
        // starts after the last item shown, where an offset would show that item again.
        (await Admin.Delete($"{ContentUrl}/{ids["Top 02"]}")).Expect(HttpStatusCode.NoContent);
        (first, more) = await LevelAsync(browser, $"/wiki/spaces/{key}");
        Assert.DoesNotContain("Top 02", first);
        await RestoreAsync(ids["Top 02"], "Top 02");
        (second, end) = await LevelAsync(browser, more!);
        Assert.Null(end);
        Assert.Equal(expected.Where(t => t != "Top 02"), first.Concat(second));

        // An item trashed before the link between two pages: nothing after it is skipped, where an offset would skip one.
        (first, more) = await LevelAsync(browser, $"/wiki/spaces/{key}");
        Assert.Contains("Top 01", first);
        (await Admin.Delete($"{ContentUrl}/{ids["Top 01"]}")).Expect(HttpStatusCode.NoContent);
        (second, end) = await LevelAsync(browser, more!);
        Assert.Null(end);
        Assert.Equal(expected, first.Concat(second));
    }

    [SkippableFact]
    public async Task A_more_link_that_does_not_parse_starts_the_level_again()
    {
        var (key, _, home) = await Admin.CreateSpaceWithHomepageAsync();
        var homeTitle = (string)(await Admin.GetContentAsync(home))["title"]!;
        var browser = await AdminBrowserAsync();
        foreach (var after in new[] { "zz_yy", "5", "1_2_3", "" })
        {
            var (titles, more) = await LevelAsync(browser, $"/wiki/spaces/{key}?treeAfter={after}");
            Assert.Equal([homeTitle], titles);
            Assert.Null(more);
        }
    }

    /// <summary>The top-level titles a space home shows, in order, and its "More pages" link.</summary>
    private static async Task<(string[] Titles, string? More)> LevelAsync(HttpClient browser, string path)
    {
        var page = (await OpenAsync(browser, path)).Expect(HttpStatusCode.OK);
        var titles = page.Document.QuerySelectorAll(".page-tree > .tree-level > .tree-node")
            .Select(li => li.QuerySelector(".tree-link")!.TextContent).ToArray();
        return (titles, page.Document.QuerySelector(".page-tree > .tree-more a")?.GetAttribute("href"));
    }

    /// <summary>Takes a page out of the trash through v1's update, which leaves it at the place it had.</summary>
    private async Task RestoreAsync(string id, string title) =>
        (await Admin.PutJson($"{ContentUrl}/{id}", new { version = new { number = 2 }, type = "page", title, status = "current" }))
            .Expect(HttpStatusCode.OK);
}

[Collection(SqliteCollection.Name)]
public sealed class WebTreeTopLevelWalkTestsOnSqlite(SqliteServerFixture fixture) : WebTreeTopLevelWalkTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebTreeTopLevelWalkTestsOnPostgres(PostgresServerFixture fixture) : WebTreeTopLevelWalkTests(fixture);
