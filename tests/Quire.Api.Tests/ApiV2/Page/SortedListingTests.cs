using System.Net;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ApiV2.Page;

/// <summary>
/// v2's sorted listings of pages and blog posts walk an index per status (migration 0028): a walk one row at a time visits
/// what one big page lists, in the same order, for every sort value, titles included whatever their case or accents (the
/// cursor compares titles as the order sorts them).
/// </summary>
public abstract class SortedListingTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static readonly string[] Sorts = ["title", "-title", "created-date", "-created-date", "modified-date", "-modified-date", "id", "-id"];

    [SkippableFact]
    public async Task A_walk_by_cursor_visits_what_one_page_lists_in_the_same_order_for_every_sort()
    {
        var (key, spaceId) = await Admin.NewSpaceAsync();
        // Titles that sort differently by case, by accent and by byte: the walk must agree with the listing whatever the collation.
        string[] titles = ["apple", "Apple pie", "Äpfel", "banana", "Banana split", "éclair", "Eclair 2", "zebra", "Zulu", "_under", "10", "9"];
        foreach (var title in titles)
        {
            await Admin.CreateV2PageAsync(spaceId, title, query: "?root-level=true");
            await Admin.CreatePageAsync(key, title, type: "blogpost");
        }
        // An edit, so modified and created orders differ.
        var edited = (string)(await Admin.Get($"{V2}/spaces/{spaceId}/pages?sort=title&limit=1")).Expect(HttpStatusCode.OK).Json!["results"]![0]!["id"]!;
        await Admin.UpdateAsync(edited, 2, (string)(await Admin.GetContentAsync(edited))["title"]!, "<p>edited</p>");

        foreach (var listing in new[] { $"{V2}/spaces/{spaceId}/pages", $"{V2}/pages?space-id={spaceId}", $"{V2}/spaces/{spaceId}/blogposts", $"{V2}/blogposts?space-id={spaceId}" })
            // Blog posts sort by dates and id only, as the spec says.
            foreach (var sort in listing.Contains("blogposts", StringComparison.Ordinal) ? Sorts.Where(s => !s.EndsWith("title", StringComparison.Ordinal)) : Sorts)
            {
                var separator = listing.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                var whole = (await Admin.Get($"{listing}{separator}sort={sort}&limit=250")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
                    .Select(p => (string)p!["id"]!).ToList();
                var walked = (await Admin.WalkAsync($"{listing}{separator}sort={sort}&limit=1")).Select(p => (string)p["id"]!).ToList();
                Assert.True(whole.Count >= titles.Length, $"{listing} sort={sort}: {whole.Count} listed");
                Assert.True(whole.SequenceEqual(walked), $"{listing} sort={sort}: walked {string.Join(",", walked)}, listed {string.Join(",", whole)}");
            }

        // The edited page comes last by modified date and keeps its place by created date.
        var byModified = (await Admin.Get($"{V2}/spaces/{spaceId}/pages?sort=-modified-date&limit=1")).Json!["results"]![0]!;
        Assert.Equal(edited, (string?)byModified["id"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SortedListingTestsOnSqlite(SqliteServerFixture fixture) : SortedListingTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SortedListingTestsOnPostgres(PostgresServerFixture fixture) : SortedListingTests(fixture);
