using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.Space;

public abstract class SpaceV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Created_in_v2_read_in_v1_and_the_reverse()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var created = (await owner.Client.PostJson($"{V2}/spaces", new { name = "Made in v2", key, description = new { value = "a <b> c", representation = "plain" } }))
            .Expect(HttpStatusCode.Created).Json!;
        var id = (string)created["id"]!;
        Assert.Equal(key, (string?)created["key"]);
        Assert.Equal("global", (string?)created["type"]);
        Assert.Equal("current", (string?)created["status"]);
        Assert.Equal(owner.AccountId, (string?)created["authorId"]);
        Assert.False(string.IsNullOrEmpty((string?)created["homepageId"]));
        Assert.Equal("/spaces/" + key, (string?)created["_links"]?["webui"]);
        Assert.NotNull(created["_links"]?["base"]);

        var v1 = (await owner.Client.Get($"/wiki/rest/api/space/{key}?expand=description.plain,homepage")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(id, ((long)v1["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("a <b> c", (string?)v1["description"]?["plain"]?["value"]);
        Assert.Equal((string?)created["homepageId"], (string?)v1["homepage"]?["id"]);

        var fromV1 = await owner.Client.CreateSpaceAsync(description: "from v1");
        var read = (await owner.Client.Get($"{V2}/spaces/{(long)fromV1["id"]!}?description-format=view&include-icon=true")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((string?)fromV1["key"], (string?)read["key"]);
        Assert.Equal("from v1", (string?)read["description"]?["view"]?["value"]);
        Assert.Null(read["description"]?["plain"]);
        Assert.NotNull(read["icon"]?["path"]);
        var escaped = (await owner.Client.Get($"{V2}/spaces/{id}?description-format=view")).Json!;
        Assert.Equal("a &lt;b&gt; c", (string?)escaped["description"]?["view"]?["value"]);
        Assert.Null((await owner.Client.Get($"{V2}/spaces/{id}")).Json!["description"]);
    }

    [SkippableFact]
    public async Task Listing_walks_by_id_key_and_name_and_filters()
    {
        var owner = await NewUserAsync();
        var names = new[] { "delta", "alpha", "echo", "charlie", "bravo" };
        var spaces = new List<JsonNode>();
        foreach (var name in names) spaces.Add(await owner.Client.CreateSpaceAsync(name: name, isPrivate: true));
        var keys = string.Join(",", spaces.Select(s => (string)s["key"]!));
        var url = $"{V2}/spaces?keys={keys}&limit=2";

        var byId = await owner.Client.WalkAsync(url);
        Assert.Equal(spaces.Select(s => ((long)s["id"]!).ToString()), byId.Select(s => (string?)s["id"]));
        var byName = await owner.Client.WalkAsync(url + "&sort=name");
        Assert.Equal(names.Order(), byName.Select(s => (string?)s["name"]));
        var byKeyDescending = await owner.Client.WalkAsync(url + "&sort=-key");
        Assert.Equal(spaces.Select(s => (string)s["key"]!).OrderDescending(StringComparer.Ordinal), byKeyDescending.Select(s => (string?)s["key"]));

        // A cursor is for the order it was made in.
        var next = (string)(await owner.Client.Get(url + "&sort=name")).Json!["_links"]!["next"]!;
        var cursor = Uri.UnescapeDataString(next[(next.IndexOf("cursor=", StringComparison.Ordinal) + 7)..]);
        (await owner.Client.Get($"{V2}/spaces?keys={keys}&sort=key&cursor={Uri.EscapeDataString(cursor)}")).ExpectV2Error(HttpStatusCode.BadRequest);

        var second = (string)spaces[1]["key"]!;
        (await owner.Client.PostJson($"/wiki/rest/api/space/{second}/label", new[] { new { prefix = "global", name = "v2docs" } })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"/wiki/rest/api/space/{(string)spaces[2]["key"]!}/label", new[] { new { prefix = "my", name = "favourite" } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal([second], (await owner.Client.WalkAsync($"{url}&labels=v2docs")).Select(s => (string?)s["key"]));
        Assert.Equal([(string)spaces[2]["key"]!],
            (await owner.Client.WalkAsync($"{url}&favorited-by={owner.AccountId}")).Select(s => (string?)s["key"]));
        Assert.Equal(4, (await owner.Client.WalkAsync($"{url}&not-favorited-by={owner.AccountId}")).Count);
        Assert.Equal(5, (await owner.Client.WalkAsync($"{url}&type=global&status=current")).Count);
        Assert.Empty(await owner.Client.WalkAsync($"{url}&type=knowledge_base"));
        Assert.Equal(2, (await owner.Client.WalkAsync($"{V2}/spaces?ids={(long)spaces[0]["id"]!},{(long)spaces[4]["id"]!}")).Count);

        // Someone else sees none of these private spaces.
        var stranger = await NewUserAsync();
        Assert.Empty(await stranger.Client.WalkAsync(url));
        (await stranger.Client.Get($"{V2}/spaces/{(long)spaces[0]["id"]!}")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_walk_sees_every_space_once_while_spaces_come_and_go()
    {
        var owner = await NewUserAsync();
        var spaces = new List<string>();
        for (var i = 0; i < 6; i++) spaces.Add((string)(await owner.Client.CreateSpaceAsync(isPrivate: true))["key"]!);
        var late = SpaceTestSupport.NewKey();
        var keys = string.Join(",", spaces.Append(late));
        var seen = await owner.Client.WalkAsync($"{V2}/spaces?keys={keys}&limit=2", async page =>
        {
            if (page != 0) return;
            // Behind the walk: the first space goes; ahead of it: a new one comes.
            (await owner.Client.Delete($"/wiki/rest/api/space/{spaces[0]}")).Expect(HttpStatusCode.Accepted);
            await owner.Client.CreateSpaceAsync(late, isPrivate: true);
        });
        var seenKeys = seen.Select(s => (string)s["key"]!).ToList();
        Assert.Equal(seenKeys.Distinct().Count(), seenKeys.Count);
        Assert.Equal(spaces.Append(late).ToHashSet(), seenKeys.ToHashSet());
    }

    [SkippableFact]
    public async Task A_single_space_includes_its_properties_permissions_labels_and_operations()
    {
        var owner = await NewUserAsync();
        var space = await owner.Client.CreateSpaceAsync(isPrivate: true);
        var (key, id) = ((string)space["key"]!, (long)space["id"]!);
        (await owner.Client.PostJson($"/wiki/rest/api/space/{key}/property", new { key = "p1", value = "x" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"/wiki/rest/api/space/{key}/label", new[] { new { prefix = "global", name = "included" } })).Expect(HttpStatusCode.OK);

        var json = (await owner.Client.Get($"{V2}/spaces/{id}?include-properties=true&include-permissions=true&include-labels=true&include-operations=true"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("p1", (string?)json["properties"]?["results"]?[0]?["key"]);
        Assert.False((bool?)json["properties"]?["meta"]?["hasMore"]);
        Assert.Equal($"{V2}/spaces/{id}/properties", (string?)json["properties"]?["_links"]?["self"]);
        Assert.Contains(json["permissions"]!["results"]!.AsArray(), p =>
            (string?)p!["principal"]?["type"] == "user" && (string?)p["principal"]?["id"] == owner.AccountId
            && (string?)p["operation"]?["key"] == "administer" && (string?)p["operation"]?["targetType"] == "space");
        Assert.Contains(json["labels"]!["results"]!.AsArray(), l => (string?)l!["name"] == "included" && (string?)l["prefix"] == "global");
        Assert.Contains(json["operations"]!["results"]!.AsArray(), o => (string?)o!["operation"] == "administer");
        Assert.Null((await owner.Client.Get($"{V2}/spaces/{id}")).Json!["properties"]);
    }

    [SkippableFact]
    public async Task Bad_input_answers_v2_errors_and_creates_nothing()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        (await owner.Client.PostJson($"{V2}/spaces", new { name = "No key" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/spaces", new { key, name = "Roles", roleAssignments = new { } })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/spaces", new { key, alias = "OTHER", name = "Two ids" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson($"{V2}/spaces", new { key, name = "Bad", description = new { value = "x", representation = "wiki" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);

        (await owner.Client.Get($"{V2}/spaces?sort=title")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces?type=team")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces?status=gone")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces?ids=x")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces?limit=300")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces?cursor=%%%")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces?description-format=storage")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces/abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces/999999999")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{V2}/spaces/1?include-labels=maybe")).ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpaceV2TestsOnSqlite(SqliteServerFixture fixture) : SpaceV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpaceV2TestsOnPostgres(PostgresServerFixture fixture) : SpaceV2Tests(fixture);
