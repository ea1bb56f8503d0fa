using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.Children;

/// <summary>
/// The tree helper's v2 listings (children, direct children, descendants, ancestors, versions, labels, a blog post with its
/// includes) run the same number of database commands for a page of 2 results as for a page of 40: nothing is read per item.
/// </summary>
public abstract class TreeListingCostTests(ServerFixture fixture) : ApiTest(fixture)
{
    /// <summary>The fewest commands one GET ran in three tries (background work of other tests may add some), with its result count.</summary>
    private async Task<(long Commands, int Results)> CostAsync(string url)
    {
        var database = Server.Services.GetRequiredService<Database>();
        var fewest = long.MaxValue;
        var count = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = database.CommandCount;
            var json = (await Admin.Get(url)).Expect(HttpStatusCode.OK).Json!;
            fewest = Math.Min(fewest, database.CommandCount - before);
            count = json["results"]?.AsArray().Count ?? json["labels"]?["results"]?.AsArray().Count ?? 0;
        }
        return (fewest, count);
    }

    [SkippableFact]
    public async Task A_long_page_of_results_costs_the_commands_of_a_short_one()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        var top = (string)(await Admin.CreatePageAsync(key, "Wide"))["id"]!;
        var chain = top;
        for (var i = 0; i < 40; i++)
        {
            await Admin.CreatePageAsync(key, $"Child {i}", parentId: top);
            if (i < 3) chain = (string)(await Admin.CreatePageAsync(key, $"Deep {i}", parentId: chain))["id"]!;
        }
        var post = (string)(await Admin.CreatePageAsync(key, "Often edited", type: "blogpost"))["id"]!;
        for (var n = 2; n <= 40; n++)
            (await Admin.PutJson($"{ContentUrl}/{post}", new { version = new { number = n }, type = "blogpost", title = "Often edited", body = StorageBody($"<p>{n}</p>") }))
                .Expect(HttpStatusCode.OK);
        var tag = Unique();
        (await Admin.PostJson($"{ContentUrl}/{post}/label", Enumerable.Range(0, 40).Select(i => new { prefix = "global", name = $"c{i}-{tag}" }).ToArray()))
            .Expect(HttpStatusCode.OK);

        string[] listings =
        [
            $"{V2}/pages/{top}/children?limit=",
            $"{V2}/pages/{top}/direct-children?limit=",
            $"{V2}/pages/{top}/descendants?limit=",
            $"{V2}/blogposts/{post}/versions?body-format=storage&limit=",
            $"{V2}/blogposts/{post}/labels?sort=name&limit=",
            $"{V2}/spaces/{spaceId}/content/labels?limit=",
        ];
        foreach (var listing in listings)
        {
            var (few, fewCount) = await CostAsync(listing + "2");
            var (many, manyCount) = await CostAsync(listing + "40");
            Assert.Equal(2, fewCount);
            Assert.Equal(40, manyCount);
            Assert.True(few == many, $"{listing}: {few} commands for 2 results, {many} for 40");
            Assert.InRange(many, 1, 6);
        }
        var (ancestors, ancestorCount) = await CostAsync($"{V2}/pages/{chain}/ancestors");
        Assert.Equal(3, ancestorCount);
        Assert.InRange(ancestors, 1, 4);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TreeListingCostTestsOnSqlite(SqliteServerFixture fixture) : TreeListingCostTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TreeListingCostTestsOnPostgres(PostgresServerFixture fixture) : TreeListingCostTests(fixture);
