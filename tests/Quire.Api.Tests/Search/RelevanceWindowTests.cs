using System.Net;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Search;

/// <summary>
/// Text searches ranked in windows (<c>Quire:Search:RelevanceWindow</c>, 3 here): the readable matches, newest
/// first, are ranked by relevance three at a time, so a word found on a third of a large site does not rank all of
/// them for one page. Each window is of what the viewer may read; paging runs on across windows.
/// </summary>
public abstract class RelevanceWindowTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static async Task<List<string>> IdsAsync(HttpClient client, string cql) =>
        (await client.Get($"/wiki/rest/api/content/search?cql={Uri.EscapeDataString(cql)}&limit=250")).Expect(HttpStatusCode.OK).Json!
            ["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

    /// <summary>A page of <c>/search</c>, which pages by start as well as by cursor.</summary>
    private static async Task<List<string>> SearchPageAsync(HttpClient client, string cql, int start, int limit) =>
        (await client.Get($"/wiki/rest/api/search?cql={Uri.EscapeDataString(cql)}&start={start}&limit={limit}")).Expect(HttpStatusCode.OK).Json!
            ["results"]!.AsArray().Select(r => (string)r!["content"]!["id"]!).ToList();

    [SkippableFact]
    public async Task Matches_are_ranked_within_windows_of_the_newest_readable_and_paged_across_them()
    {
        _ = Server;
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:Search:RelevanceWindow"] = "3";
        await using var server = new QuireServer(Server.Engine, settings);
        var admin = server.Admin();
        var reader = await server.NewUserAsync();
        var key = await admin.SharedSpaceAsync([reader]);
        var me = (string)(await admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;

        // Oldest first. The word in the title weighs most; bodies are alike (p3's has "zebra"), so equal
        // matches go newest first.
        async Task<string> Page(string title, string body) => (string)(await admin.CreatePageAsync(key, title, body))["id"]!;
        var p1 = await Page("First", "<p>quxword plain words</p>");
        var p2 = await Page("Quxword two", "<p>quxword plain words</p>");
        var p3 = await Page("Third", "<p>quxword plain zebra</p>");
        var p4 = await Page("Fourth", "<p>quxword plain words</p>");
        var p5 = await Page("Quxword five", "<p>quxword plain words</p>");
        var p6 = await Page("Sixth", "<p>quxword plain words</p>");
        var p7 = await Page("Seventh", "<p>quxword plain words</p>");
        await Page("Unrelated", "<p>nothing to see</p>");

        // Windows [p7 p6 p5], [p4 p3 p2], [p1], each by relevance: titles first, then the newer.
        string[] windowed = [p5, p7, p6, p2, p4, p3, p1];
        Assert.Equal(windowed, await IdsAsync(admin, "text ~ quxword"));
        Assert.Equal(windowed, await IdsAsync(admin, $"space = {key} AND text ~ quxword AND type = page"));
        // Pages run on across windows, the same order cut at any start.
        Assert.Equal([p6, p2], await SearchPageAsync(admin, "text ~ quxword", 2, 2));
        Assert.Equal([p1], await SearchPageAsync(admin, "text ~ quxword", 6, 5));
        // Two required texts drive the search together; a text in an OR beside them keeps the same windows.
        Assert.Equal(windowed, await IdsAsync(admin, "text ~ quxword AND text ~ plain"));
        var either = await IdsAsync(admin, "text ~ quxword AND (text ~ zebra OR type = page)");
        Assert.Equal([p5, p7, p6], either[..3]);
        Assert.Equal(new[] { p2, p3, p4 }.Order(), either[3..6].Order());
        Assert.Equal(p1, either[6]);

        // A window holds only what the viewer may read: without p6, the reader's windows are [p7 p5 p4], [p3 p2 p1].
        await admin.RestrictAsync(p6, Entry("read", [me]));
        Assert.Equal([p5, p7, p4, p2, p3, p1], await IdsAsync(reader.Client, "text ~ quxword"));
        Assert.Equal(windowed, await IdsAsync(admin, "text ~ quxword"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RelevanceWindowTestsOnSqlite(SqliteServerFixture fixture) : RelevanceWindowTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RelevanceWindowTestsOnPostgres(PostgresServerFixture fixture) : RelevanceWindowTests(fixture);
