using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ContentMeta;

/// <summary>
/// <c>metadata.labels</c> and <c>metadata.properties.&lt;key&gt;</c> on content, over data
/// written through the label and property endpoints.
/// </summary>
public abstract class ContentMetadataExpansionTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static List<string> LabelsOf(JsonNode content) =>
        content["metadata"]!["labels"]!["results"]!.AsArray().Select(l => $"{l!["prefix"]}:{l["name"]}").ToList();

    [SkippableFact]
    public async Task Labels_and_properties_are_expanded_on_single_content_and_on_listings()
    {
        var owner = await NewUserAsync();
        var fan = await NewUserAsync();
        var (key, _, home) = await owner.Client.CreateSpaceWithHomepageAsync();
        var second = await owner.Client.CreateContentInStatusAsync(key, "Second " + Unique());
        var third = await owner.Client.CreateContentInStatusAsync(key, "Third " + Unique());
        (await owner.Client.PostJson($"{ContentUrl}/{home}/label", new[] { new { prefix = "global", name = "alpha" }, new { prefix = "team", name = "beta" } }))
            .Expect(HttpStatusCode.OK);
        (await fan.Client.PostJson($"{ContentUrl}/{home}/label", new { prefix = "my", name = "starred" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{ContentUrl}/{second}/label", new { prefix = "global", name = "alpha" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{ContentUrl}/{second}/property", new { key = "k1", value = new { n = "one" } })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{ContentUrl}/{second}/property", new { key = "k2", value = "two" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{ContentUrl}/{home}/property", new { key = "k2", value = true })).Expect(HttpStatusCode.OK);

        var single = await owner.Client.GetContentAsync(second, "?expand=metadata.labels,metadata.properties.k1.version,metadata.properties.k2");
        Assert.Equal(["global:alpha"], LabelsOf(single));
        Assert.Equal(0, (int?)single["metadata"]!["labels"]!["start"]);
        var props = single["metadata"]!["properties"]!;
        Assert.Equal("one", (string?)props["k1"]!["value"]!["n"]);
        Assert.Equal(1, (int?)props["k1"]!["version"]!["number"]);
        Assert.Equal("two", (string?)props["k2"]!["value"]);
        var metadataExpandable = single["metadata"]!["_expandable"]!.AsObject();
        Assert.False(metadataExpandable.ContainsKey("labels"));
        Assert.False(metadataExpandable.ContainsKey("properties"));
        Assert.True(metadataExpandable.ContainsKey("currentuser"));

        var listing = (await fan.Client.Get($"{ContentUrl}?spaceKey={key}&expand=metadata.labels,metadata.properties.k2,metadata.properties.absent"))
            .Expect(HttpStatusCode.OK).Json!["results"]!.AsArray().ToDictionary(c => (string)c!["id"]!, c => c!);
        // The fan sees the team label, everybody's global ones, and their own "my" label.
        Assert.Equal(["global:alpha", "my:starred", "team:beta"], LabelsOf(listing[home]).Order());
        Assert.Equal(["global:alpha"], LabelsOf(listing[second]));
        Assert.Empty(LabelsOf(listing[third]));
        Assert.True((bool?)listing[home]["metadata"]!["properties"]!["k2"]!["value"]);
        Assert.Equal(["k2"], listing[second]["metadata"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Empty(listing[third]["metadata"]!["properties"]!.AsObject());

        // Without expansion, metadata links to both.
        var plain = await owner.Client.GetContentAsync(second, "?expand=metadata");
        Assert.Null(plain["metadata"]!["labels"]);
        Assert.Equal($"/rest/api/content/{second}/label", (string?)plain["metadata"]!["_expandable"]!["labels"]);
    }

    [SkippableFact]
    public async Task Metadata_expansions_cost_the_same_number_of_queries_for_any_page_size()
    {
        const string expand = "metadata.labels,metadata.properties.k,metadata.properties.other.version";
        var owner = await NewUserAsync();
        var (small, _, _) = await owner.Client.CreateSpaceWithHomepageAsync();
        var (large, _, _) = await owner.Client.CreateSpaceWithHomepageAsync();
        foreach (var (key, count) in new[] { (small, 2), (large, 20) })
            for (var i = 0; i < count; i++)
            {
                var id = await owner.Client.CreateContentInStatusAsync(key, $"Page {i}");
                (await owner.Client.PostJson($"{ContentUrl}/{id}/label", new { prefix = "global", name = $"l{i}" })).Expect(HttpStatusCode.OK);
                (await owner.Client.PostJson($"{ContentUrl}/{id}/property", new { key = "k", value = new { i } })).Expect(HttpStatusCode.OK);
            }

        async Task<long> CommandsFor(string key, int expected)
        {
            var database = Server.Services.GetRequiredService<Database>();
            var fewest = long.MaxValue;
            // Background work of other tests may run commands too; the fewest of a few tries is the listing's own.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var before = database.CommandCount;
                var page = (await owner.Client.Get($"{ContentUrl}?spaceKey={key}&limit=50&expand={expand}")).Expect(HttpStatusCode.OK).Json!;
                fewest = Math.Min(fewest, database.CommandCount - before);
                Assert.Equal(expected, page["results"]!.AsArray().Count);
            }
            return fewest;
        }

        // Each space also holds its homepage.
        Assert.Equal(await CommandsFor(small, 3), await CommandsFor(large, 21));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentMetadataExpansionTestsOnSqlite(SqliteServerFixture fixture) : ContentMetadataExpansionTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentMetadataExpansionTestsOnPostgres(PostgresServerFixture fixture) : ContentMetadataExpansionTests(fixture);
