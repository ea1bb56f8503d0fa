using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

using Quire.Api.Tests.Content;

namespace Quire.Api.Tests.ContentMeta;

public abstract class ContentPropertiesApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Properties(string id) => $"/wiki/rest/api/content/{id}/property";

    [SkippableFact]
    public async Task Create_get_list_update_delete()
    {
        var owner = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();

        var created = (await owner.Client.PostJson(Properties(page), new { key = "config", value = new { nested = new[] { "a", "b" }, n = 1.5, ok = true } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("config", (string?)created["key"]);
        Assert.Equal(1, (int?)created["version"]?["number"]);
        Assert.Equal(owner.AccountId, (string?)created["version"]?["by"]?["accountId"]);
        Assert.False((bool?)created["version"]?["minorEdit"]);
        Assert.NotNull(created["version"]?["when"]);
        Assert.Equal(1.5, (double?)created["value"]?["n"]);
        Assert.Equal($"/rest/api/content/{page}", (string?)created["_expandable"]?["content"]);

        (await owner.Client.PostJson($"{Properties(page)}/flag", new { value = true })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{Properties(page)}/my.app:list", new { value = new[] { "x", "y" } })).Expect(HttpStatusCode.OK);

        var got = (await owner.Client.Get($"{Properties(page)}/config?expand=content")).Expect(HttpStatusCode.OK).Json!;
        Assert.True(JsonNode.DeepEquals(created["value"], got["value"]));
        Assert.Equal(page, (string?)got["content"]?["id"]);
        Assert.Equal("page", (string?)got["content"]?["type"]);
        Assert.NotNull(got["version"]);

        var list = (await owner.Client.Get(Properties(page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(10, (int?)list["limit"]);
        Assert.Equal(["config", "flag", "my.app:list"], list["results"]!.AsArray().Select(p => (string?)p!["key"]).ToList());
        var paged = (await owner.Client.Get($"{Properties(page)}?limit=1&start=1")).Json!;
        Assert.Equal("flag", (string?)paged["results"]?[0]?["key"]);
        Assert.NotNull(paged["_links"]?["next"]);
        var byKey = (await owner.Client.Get($"{Properties(page)}?key=flag&key=config&key=absent")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["config", "flag"], byKey["results"]!.AsArray().Select(p => (string?)p!["key"]).ToList());

        var updated = (await owner.Client.PutJson($"{Properties(page)}/config", new
        {
            key = "config", value = "now a string", version = new { number = 2, minorEdit = true, message = "why" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("now a string", (string?)updated["value"]);
        Assert.Equal(2, (int?)updated["version"]?["number"]);
        Assert.True((bool?)updated["version"]?["minorEdit"]);
        Assert.Equal("why", (string?)updated["version"]?["message"]);
        // The spec lets the number be a string.
        var third = (await owner.Client.PutJson($"{Properties(page)}/config", new { value = new { v = 3 }, version = new { number = "3" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(3, (int?)third["version"]?["number"]);
        Assert.Equal(3, (int?)(await owner.Client.Get($"{Properties(page)}/config")).Json!["value"]?["v"]);

        (await owner.Client.Delete($"{Properties(page)}/config")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Get($"{Properties(page)}/config")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Delete($"{Properties(page)}/config")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Put_creates_a_missing_property_only_at_version_one_and_refuses_skipped_versions()
    {
        var owner = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();

        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = "one", version = new { number = 2 } })).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{Properties(page)}/fresh")).ExpectError(HttpStatusCode.NotFound);
        var created = (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = "one", version = new { number = 1 } })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int?)created["version"]?["number"]);

        foreach (var wrong in new[] { 1, 3, 0, -1 })
            (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = "99", version = new { number = wrong } })).ExpectError(HttpStatusCode.Conflict);
        // Values outside the spec's types (string, boolean, object, array of strings).
        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = 99, version = new { number = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = new[] { 1, 2 }, version = new { number = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = 99 })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = 99, version = new { number = "two" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { version = new { number = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { key = "other", value = 99, version = new { number = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Properties(page)}/fresh", new { value = new string('x', 33_000), version = new { number = 2 } }))
            .ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.SendRaw(HttpMethod.Put, $"{Properties(page)}/fresh", "{\"value\":1,\"version\":{\"number\":2,\"minorEdit\":\"yes\"}}"))
            .ExpectError(HttpStatusCode.BadRequest);

        var after = (await owner.Client.Get($"{Properties(page)}/fresh")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("one", (string?)after["value"]);
        Assert.Equal(1, (int?)after["version"]?["number"]);
    }

    [SkippableFact]
    public async Task Concurrent_updates_with_the_same_next_version_let_exactly_one_win()
    {
        var owner = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        (await owner.Client.PostJson($"{Properties(page)}/race", new { value = "start" })).Expect(HttpStatusCode.OK);

        for (var round = 2; round <= 6; round++)
        {
            var number = round;
            var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                owner.Client.PutJson($"{Properties(page)}/race", new { value = $"writer {i}", version = new { number } })));
            Assert.Single(attempts, a => a.Status == HttpStatusCode.OK);
            Assert.All(attempts.Where(a => a.Status != HttpStatusCode.OK), a => a.ExpectError(HttpStatusCode.Conflict));
            var winner = (string?)attempts.Single(a => a.Status == HttpStatusCode.OK).Json!["value"];
            var stored = (await owner.Client.Get($"{Properties(page)}/race")).Json!;
            Assert.Equal(number, (int?)stored["version"]?["number"]);
            Assert.Equal(winner, (string?)stored["value"]);
        }
    }

    [SkippableFact]
    public async Task Get_filters_by_content_status_current_and_archived_by_default()
    {
        var owner = await NewUserAsync();
        var (key, spaceId, _) = await owner.Client.CreateSpaceWithHomepageAsync();
        var trashed = await owner.Client.CreateContentInStatusAsync(key, "Trashed " + Unique(), status: "trashed");
        var archived = await owner.Client.CreateContentInStatusAsync(key, "Archived " + Unique(), status: "archived");
        (await owner.Client.PostJson($"{Properties(trashed)}/k", new { value = "t" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{Properties(archived)}/k", new { value = "a" })).Expect(HttpStatusCode.OK);

        (await owner.Client.Get($"{Properties(trashed)}/k")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{Properties(trashed)}/k?status=current")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal("t", (string?)(await owner.Client.Get($"{Properties(trashed)}/k?status=trashed")).Expect(HttpStatusCode.OK).Json!["value"]);
        Assert.Equal("t", (string?)(await owner.Client.Get($"{Properties(trashed)}/k?status=current&status=any")).Expect(HttpStatusCode.OK).Json!["value"]);
        Assert.Equal("a", (string?)(await owner.Client.Get($"{Properties(archived)}/k")).Expect(HttpStatusCode.OK).Json!["value"]);
        (await owner.Client.Get($"{Properties(archived)}/k?status=current")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{Properties(archived)}/k?status=bogus")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Create_rejects_bad_input_and_duplicates()
    {
        var owner = await NewUserAsync();
        var (_, _, page) = await owner.Client.CreateSpaceWithHomepageAsync();
        (await owner.Client.PostJson(Properties(page), new { key = "taken", value = new { v = 1 } })).Expect(HttpStatusCode.OK);

        // The spec answers 400 when the content already has the key.
        (await owner.Client.PostJson(Properties(page), new { key = "taken", value = new { v = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{Properties(page)}/taken", new { value = new { v = 3 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(page), new { key = "novalue" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Properties(page), "{\"key\":\"nullvalue\",\"value\":null}")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(page), new { value = "1" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(page), new { key = "", value = "1" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(page), new { key = new string('k', 256), value = "1" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{Properties(page)}/{new string('k', 256)}", new { value = "1" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(page), new { key = "tab\there", value = "1" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(page), new { key = 7, value = "1" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(page), new { key = "big", value = new string('x', 33_000) })).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.PostJson($"{Properties(page)}/big", new { value = new string('x', 33_000) })).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.SendRaw(HttpMethod.Post, Properties(page), "{\"key\":\"broken\",\"value\":{")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Properties(page), "[]")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Properties(page), "null")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{Properties(page)}?limit=-1")).ExpectError(HttpStatusCode.BadRequest);

        // SQL-ish and markup keys and values are plain data.
        const string hostile = "'; DELETE FROM content_properties; -- <script>";
        (await owner.Client.PostJson(Properties(page), new { key = hostile, value = new { html = hostile } })).Expect(HttpStatusCode.OK);
        var read = (await owner.Client.Get($"{Properties(page)}/{Uri.EscapeDataString(hostile)}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(hostile, (string?)read["value"]?["html"]);

        var keys = (await owner.Client.Get(Properties(page))).Json!["results"]!.AsArray().Select(p => (string?)p!["key"]).ToList();
        Assert.Equal([hostile, "taken"], keys);
        Assert.Equal(1, (int?)(await owner.Client.Get($"{Properties(page)}/taken")).Json!["value"]?["v"]);
    }

    [SkippableFact]
    public async Task Readers_cannot_write_and_strangers_cannot_see()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var stranger = await NewUserAsync();
        var (key, _, page) = await owner.Client.CreateSpaceWithHomepageAsync(readers: [reader.AccountId]);
        var second = await owner.Client.CreateContentInStatusAsync(key, "Second " + Unique());
        (await owner.Client.PostJson(Properties(page), new { key = "k", value = "v" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson(Properties(second), new { key = "k", value = "second" })).Expect(HttpStatusCode.OK);

        Assert.Equal("v", (string?)(await reader.Client.Get($"{Properties(page)}/k")).Expect(HttpStatusCode.OK).Json!["value"]);
        Assert.Equal("second", (string?)(await reader.Client.Get($"{Properties(second)}/k")).Expect(HttpStatusCode.OK).Json!["value"]);
        (await reader.Client.PostJson(Properties(page), new { key = "new", value = "1" })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PostJson($"{Properties(page)}/new", new { value = "1" })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson($"{Properties(page)}/k", new { value = "changed", version = new { number = 2 } })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"{Properties(page)}/k")).ExpectError(HttpStatusCode.Forbidden);

        (await stranger.Client.Get(Properties(page))).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.Get($"{Properties(page)}/k")).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.PostJson(Properties(page), new { key = "new", value = "1" })).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.PutJson($"{Properties(page)}/k", new { value = "changed", version = new { number = 2 } })).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.Delete($"{Properties(page)}/k")).ExpectError(HttpStatusCode.NotFound);

        foreach (var missing in new[] { "999999999", "abc", "-5", "0", "1.5" })
        {
            (await owner.Client.Get(Properties(missing))).ExpectError(HttpStatusCode.NotFound);
            (await owner.Client.Get($"{Properties(missing)}/k")).ExpectError(HttpStatusCode.NotFound);
            (await owner.Client.PostJson(Properties(missing), new { key = "k", value = "1" })).ExpectError(HttpStatusCode.NotFound);
            (await owner.Client.PutJson($"{Properties(missing)}/k", new { value = "1", version = new { number = 1 } })).ExpectError(HttpStatusCode.NotFound);
            (await owner.Client.Delete($"{Properties(missing)}/k")).ExpectError(HttpStatusCode.NotFound);
        }

        var still = (await owner.Client.Get(Properties(page))).Json!;
        Assert.Equal(1, (int?)still["size"]);
        Assert.Equal("v", (string?)still["results"]?[0]?["value"]);
        Assert.Equal(1, (int?)still["results"]?[0]?["version"]?["number"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentPropertiesApiTestsOnSqlite(SqliteServerFixture fixture) : ContentPropertiesApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentPropertiesApiTestsOnPostgres(PostgresServerFixture fixture) : ContentPropertiesApiTests(fixture);
