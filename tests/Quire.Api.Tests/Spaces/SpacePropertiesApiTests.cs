using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Spaces;

public abstract class SpacePropertiesApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Properties(string key) => $"/wiki/rest/api/space/{key}/property";

    [SkippableFact]
    public async Task Create_get_list_update_delete()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);

        var created = (await owner.Client.PostJson(Properties(key), new { key = "config", value = new { nested = new[] { "a", "b" }, n = 1.5, ok = true } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("config", (string?)created["key"]);
        Assert.Equal(1, (int?)created["version"]?["number"]);
        Assert.Equal(owner.AccountId, (string?)created["version"]?["by"]?["accountId"]);
        Assert.Equal(1.5, (double?)created["value"]?["n"]);
        Assert.NotNull(created["_expandable"]?["space"]);

        (await owner.Client.PostJson($"{Properties(key)}/flag", new { value = true })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{Properties(key)}/list", new { value = new[] { "x", "y" } })).Expect(HttpStatusCode.OK);

        var got = (await owner.Client.Get($"{Properties(key)}/config?expand=space")).Expect(HttpStatusCode.OK).Json!;
        Assert.True(JsonNode.DeepEquals(created["value"], got["value"]));
        Assert.Equal(key, (string?)got["space"]?["key"]);
        Assert.NotNull(got["version"]);

        var list = (await owner.Client.Get(Properties(key))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(10, (int?)list["limit"]);
        Assert.Equal(["config", "flag", "list"], list["results"]!.AsArray().Select(p => (string?)p!["key"]).ToList());
        var paged = (await owner.Client.Get($"{Properties(key)}?limit=1&start=1")).Json!;
        Assert.Equal("flag", (string?)paged["results"]?[0]?["key"]);
        Assert.NotNull(paged["_links"]?["next"]);

        var updated = (await owner.Client.PutJson($"{Properties(key)}/config", new
        {
            key = "config", value = "now a string", version = new { number = 2, minorEdit = true, message = "why" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("now a string", (string?)updated["value"]);
        Assert.Equal(2, (int?)updated["version"]?["number"]);
        Assert.True((bool?)updated["version"]?["minorEdit"]);
        Assert.Equal("why", (string?)updated["version"]?["message"]);

        (await owner.Client.Delete($"{Properties(key)}/config")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Get($"{Properties(key)}/config")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Delete($"{Properties(key)}/config")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Create_rejects_bad_input_and_duplicates()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        (await owner.Client.PostJson(Properties(key), new { key = "taken", value = new { v = 1 } })).Expect(HttpStatusCode.OK);

        // The spec answers 400 for a key the space already has.
        (await owner.Client.PostJson(Properties(key), new { key = "taken", value = new { v = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{Properties(key)}/taken", new { value = new { v = 3 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(key), new { key = "novalue" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, Properties(key), "{\"key\":\"nullvalue\",\"value\":null}")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(key), new { value = 1 })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(key), new { key = new string('k', 256), value = 1 })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(key), new { key = 7, value = 1 })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(key), new { key = "big", value = new string('x', 70_000) })).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.SendRaw(HttpMethod.Post, Properties(key), "{\"key\":\"broken\",\"value\":{")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties(key), new { key = "other", value = 1, space = new { key = "ELSEWHERE" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(Properties("NOSPACE" + Unique()), new { key = "x", value = 1 })).ExpectError(HttpStatusCode.NotFound);

        // SQL-ish and markup keys and values are plain data.
        const string hostile = "'; DELETE FROM space_properties; -- <script>";
        (await owner.Client.PostJson(Properties(key), new { key = hostile, value = new { html = hostile } })).Expect(HttpStatusCode.OK);
        var read = (await owner.Client.Get($"{Properties(key)}/{Uri.EscapeDataString(hostile)}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(hostile, (string?)read["value"]?["html"]);

        var keys = (await owner.Client.Get(Properties(key))).Json!["results"]!.AsArray().Select(p => (string?)p!["key"]).ToList();
        Assert.Equal([hostile, "taken"], keys);
        Assert.Equal(1, (int?)(await owner.Client.Get($"{Properties(key)}/taken")).Json!["value"]?["v"]);
    }

    [SkippableFact]
    public async Task Values_are_of_the_types_the_spec_allows()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);

        // The spec's PropertyValue: a string, a boolean, an object or an array of strings.
        foreach (var (name, json) in new[] { ("s", "\"text\""), ("t", "true"), ("f", "false"), ("o", "{\"n\":1}"), ("a", "[\"x\",\"y\"]"), ("e", "[]") })
        {
            (await owner.Client.SendRaw(HttpMethod.Post, Properties(key), $"{{\"key\":\"{name}\",\"value\":{json}}}")).Expect(HttpStatusCode.OK);
            var read = (await owner.Client.Get($"{Properties(key)}/{name}")).Expect(HttpStatusCode.OK).Json!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), read["value"]));
        }

        foreach (var json in new[] { "1", "2.5", "[1,2]", "[{\"a\":1}]", "[\"x\",null]" })
        {
            (await owner.Client.SendRaw(HttpMethod.Post, Properties(key), $"{{\"key\":\"bad\",\"value\":{json}}}")).ExpectError(HttpStatusCode.BadRequest);
            (await owner.Client.SendRaw(HttpMethod.Post, $"{Properties(key)}/bad", $"{{\"value\":{json}}}")).ExpectError(HttpStatusCode.BadRequest);
            (await owner.Client.SendRaw(HttpMethod.Put, $"{Properties(key)}/s", $"{{\"value\":{json},\"version\":{{\"number\":2}}}}"))
                .ExpectError(HttpStatusCode.BadRequest);
        }
        (await owner.Client.Get($"{Properties(key)}/bad")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal("text", (string?)(await owner.Client.Get($"{Properties(key)}/s")).Json!["value"]);
    }

    [SkippableFact]
    public async Task Values_may_be_up_to_64_KB_of_JSON()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        // The spec's PropertyValue: "64KB Size Limit". A JSON string of n characters is n + 2 characters of JSON.
        var largest = new string('x', 65_536 - 2);

        (await owner.Client.PostJson(Properties(key), new { key = "large", value = largest })).Expect(HttpStatusCode.OK);
        Assert.Equal(largest, (string?)(await owner.Client.Get($"{Properties(key)}/large")).Expect(HttpStatusCode.OK).Json!["value"]);
        (await owner.Client.PostJson($"{Properties(key)}/large2", new { value = new string('y', 40_000) })).Expect(HttpStatusCode.OK);
        (await owner.Client.PutJson($"{Properties(key)}/large", new { value = new string('z', 60_000), version = new { number = 2 } }))
            .Expect(HttpStatusCode.OK);

        (await owner.Client.PostJson(Properties(key), new { key = "toolarge", value = largest + "x" })).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.PostJson($"{Properties(key)}/toolarge", new { value = largest + "x" })).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.PutJson($"{Properties(key)}/large", new { value = largest + "x", version = new { number = 3 } }))
            .ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.Get($"{Properties(key)}/toolarge")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Update_requires_the_next_version_and_matching_keys()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        (await owner.Client.PostJson(Properties(key), new { key = "p", value = new { v = 1 } })).Expect(HttpStatusCode.OK);
        var url = $"{Properties(key)}/p";

        (await owner.Client.PutJson(url, new { value = new { v = 9 }, version = new { number = 1 } })).ExpectError(HttpStatusCode.Conflict);
        (await owner.Client.PutJson(url, new { value = new { v = 9 }, version = new { number = 3 } })).ExpectError(HttpStatusCode.Conflict);
        (await owner.Client.PutJson(url, new { value = new { v = 9 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson(url, new { key = "q", value = new { v = 9 }, version = new { number = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson(url, new { value = new { v = 9 }, version = new { number = 2 }, space = new { key = "OTHER" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson(url, new { version = new { number = 2 } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson(url, new { value = new { v = 9 }, version = new { number = "2" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson(url, new { value = new string('x', 70_000), version = new { number = 2 } })).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await owner.Client.PutJson($"{Properties(key)}/missing", new { value = "1", version = new { number = 2 } })).ExpectError(HttpStatusCode.NotFound);

        var unchanged = (await owner.Client.Get(url)).Json!;
        Assert.Equal(1, (int?)unchanged["version"]?["number"]);
        Assert.Equal(1, (int?)unchanged["value"]?["v"]);

        (await owner.Client.PutJson(url, new { value = new { v = 2 }, version = new { number = 2 } })).Expect(HttpStatusCode.OK);
        (await owner.Client.PutJson(url, new { value = new { v = 3 }, version = new { number = 2 } })).ExpectError(HttpStatusCode.Conflict);
        Assert.Equal(2, (int?)(await owner.Client.Get(url)).Json!["value"]?["v"]);
    }

    [SkippableFact]
    public async Task Readers_may_read_but_only_admins_write()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var privateKey = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        await owner.Client.CreateSpaceAsync(privateKey, isPrivate: true);
        (await owner.Client.PostJson(Properties(key), new { key = "p", value = new { v = 1 } })).Expect(HttpStatusCode.OK);

        (await reader.Client.Get(Properties(key))).Expect(HttpStatusCode.OK);
        (await reader.Client.Get($"{Properties(key)}/p")).Expect(HttpStatusCode.OK);
        (await reader.Client.PostJson(Properties(key), new { key = "r", value = "1" })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PostJson($"{Properties(key)}/r", new { value = "1" })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson($"{Properties(key)}/p", new { value = "5", version = new { number = 2 } })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"{Properties(key)}/p")).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Get(Properties(privateKey))).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.PostJson(Properties(privateKey), new { key = "r", value = "1" })).ExpectError(HttpStatusCode.NotFound);

        var list = (await owner.Client.Get(Properties(key))).Json!;
        Assert.Equal(1, (int?)list["size"]);
        Assert.Equal(1, (int?)list["results"]?[0]?["version"]?["number"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpacePropertiesApiTestsOnSqlite(SqliteServerFixture fixture) : SpacePropertiesApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpacePropertiesApiTestsOnPostgres(PostgresServerFixture fixture) : SpacePropertiesApiTests(fixture);
