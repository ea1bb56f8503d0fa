using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Relation;

public abstract class RelationApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Api = "/wiki/rest/api";

    private static string Between(string name, string sourceType, string sourceKey, string targetType, string targetKey, string query = "") =>
        $"{Api}/relation/{name}/from/{sourceType}/{sourceKey}/to/{targetType}/{targetKey}{query}";

    private static string Targets(string name, string sourceType, string sourceKey, string targetType, string query = "") =>
        $"{Api}/relation/{name}/from/{sourceType}/{sourceKey}/to/{targetType}{query}";

    private static string Sources(string name, string targetType, string targetKey, string sourceType, string query = "") =>
        $"{Api}/relation/{name}/to/{targetType}/{targetKey}/from/{sourceType}{query}";

    private static List<string?> Ids(JsonNode listing, string end) =>
        listing["results"]!.AsArray().Select(r => (string?)r![end]!["id"]?.ToString() ?? (string?)r[end]!["accountId"]).ToList();

    [SkippableFact]
    public async Task Custom_relations_are_created_read_listed_both_ways_and_deleted()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var a = (string)(await Admin.CreatePageAsync(key, "A"))["id"]!;
        var b = (string)(await Admin.CreatePageAsync(key, "B"))["id"]!;
        var c = (string)(await Admin.CreatePageAsync(key, "C"))["id"]!;
        var name = "sibling" + Unique();

        var created = (await Admin.Call(HttpMethod.Put, Between(name, "content", a, "content", b))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name, (string?)created["name"]);
        Assert.Equal(a, (string?)created["source"]!["id"]);
        Assert.Equal("B", (string?)created["target"]!["title"]);
        Assert.NotNull(created["relationData"]!["createdBy"]!["accountId"]);
        Assert.True(DateTimeOffset.TryParse((string?)created["relationData"]!["createdDate"], out _));
        Assert.NotNull(created["_links"]!["base"]);
        // Creating again changes nothing.
        (await Admin.Call(HttpMethod.Put, Between(name, "content", a, "content", b))).Expect(HttpStatusCode.OK);
        (await Admin.Call(HttpMethod.Put, Between(name, "content", a, "content", c))).Expect(HttpStatusCode.OK);

        // Read: bare, then with expansions.
        var bare = (await Admin.Get(Between(name, "content", a, "content", b))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name, (string?)bare["name"]);
        Assert.Null(bare["source"]);
        Assert.Null(bare["relationData"]);
        Assert.Equal(["relationData", "source", "target"], bare["_expandable"]!.AsObject().Select(p => p.Key).Order());
        var expanded = (await Admin.Get(Between(name, "content", a, "content", b, "?expand=target,relationData"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(b, (string?)expanded["target"]!["id"]);
        Assert.Null(expanded["source"]);
        (await Admin.Get(Between(name, "content", b, "content", a))).ExpectError(HttpStatusCode.NotFound); // one way

        // Listings, paged, oldest first.
        var targets = (await Admin.Get(Targets(name, "content", a, "content", "?expand=target&limit=1"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([b], Ids(targets, "target"));
        Assert.Equal(1, (int)targets["size"]!);
        var next = (string)targets["_links"]!["next"]!;
        var second = (await Admin.Get("/wiki" + next)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([c], Ids(second, "target"));
        Assert.Null(second["_links"]!["next"]);
        var sources = (await Admin.Get(Sources(name, "content", c, "content", "?expand=source"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([a], Ids(sources, "source"));
        Assert.Empty((await Admin.Get(Targets(name, "content", a, "space"))).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());

        // Delete, twice: the second is no error either.
        (await Admin.Delete(Between(name, "content", a, "content", b))).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete(Between(name, "content", a, "content", b))).Expect(HttpStatusCode.NoContent);
        (await Admin.Get(Between(name, "content", a, "content", b))).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Users_spaces_and_current_name_ends_and_relations_go_with_their_ends()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Followed"))["id"]!;
        var alice = await NewUserAsync();
        var name = "follows" + Unique();

        (await Admin.Call(HttpMethod.Put, Between(name, "user", "current", "user", alice.AccountId))).Expect(HttpStatusCode.OK);
        (await Admin.Call(HttpMethod.Put, Between(name, "user", "current", "space", key))).Expect(HttpStatusCode.OK);
        (await Admin.Call(HttpMethod.Put, Between(name, "user", "current", "content", page))).Expect(HttpStatusCode.OK);
        var me = (string)(await Admin.Get($"{Api}/user/current")).Json!["accountId"]!;
        var users = (await Admin.Get(Targets(name, "user", me, "user", "?expand=target"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([alice.AccountId], Ids(users, "target"));
        var spaces = (await Admin.Get(Targets(name, "user", "current", "space", "?expand=target"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(key, (string?)spaces["results"]![0]!["target"]!["key"]);
        var followers = (await Admin.Get(Sources(name, "user", alice.AccountId, "user", "?expand=source"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([me], Ids(followers, "source"));

        // Deleting the page takes its relation with it (purged, not just trashed).
        (await Admin.Delete($"{ContentUrl}/{page}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{ContentUrl}/{page}?status=trashed")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM relations WHERE target_type = 'content' AND target_id = @id", new { id = long.Parse(page) }));
    }

    [SkippableFact]
    public async Task Favourites_are_the_my_favourite_label_seen_by_cql_and_the_content()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Saved for later"))["id"]!;
        var me = (string)(await Admin.Get($"{Api}/user/current")).Json!["accountId"]!;

        (await Admin.Get(Between("favourite", "user", "current", "content", page))).ExpectError(HttpStatusCode.NotFound);
        var made = (await Admin.Call(HttpMethod.Put, Between("favourite", "user", "current", "content", page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("favourite", (string?)made["name"]);
        Assert.Equal(me, (string?)made["source"]!["accountId"]);
        // The same favourite through CQL and the content's own metadata, and the other way round.
        var found = (await Admin.Get($"{Api}/content/search?cql={Uri.EscapeDataString($"space = {key} AND favourite = currentUser()")}")).Json!;
        Assert.Equal([page], found["results"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.True((bool)(await Admin.GetContentAsync(page, "?expand=metadata.currentuser"))["metadata"]!["currentuser"]!["favourited"]!["isFavourite"]!);
        (await Admin.Get(Between("favourite", "user", me, "content", page))).Expect(HttpStatusCode.OK);

        (await Admin.PostJson($"{Api}/space/{key}/label", new[] { new { prefix = "my", name = "favourite" } })).Expect(HttpStatusCode.OK);
        (await Admin.Get(Between("Favourite", "user", "current", "space", key))).Expect(HttpStatusCode.OK);

        // Removing it removes the label.
        (await Admin.Delete(Between("favourite", "user", "current", "content", page))).Expect(HttpStatusCode.NoContent);
        Assert.False((bool)(await Admin.GetContentAsync(page, "?expand=metadata.currentuser"))["metadata"]!["currentuser"]!["favourited"]!["isFavourite"]!);

        // Favourites go from a user to content or a space; they are not listed here.
        (await Admin.Call(HttpMethod.Put, Between("favourite", "content", page, "space", key))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Call(HttpMethod.Put, Between("favourite", "user", "current", "user", me))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get(Sources("like", "content", page, "user"))).ExpectError(HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// As Cloud answers (confluence.js's live suite pins it): an end not expanded is its API link under
    /// <c>_expandable</c>, a favourite's target stays a link even when asked for, and the listings of
    /// favourites are Cloud's 501.
    /// </summary>
    [SkippableFact]
    public async Task Unexpanded_ends_are_links_and_favourites_are_not_listed()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Linked end"))["id"]!;
        var me = (string)(await Admin.Get($"{Api}/user/current")).Json!["accountId"]!;
        var name = "points" + Unique();
        (await Admin.Call(HttpMethod.Put, Between(name, "user", "current", "content", page))).Expect(HttpStatusCode.OK);
        (await Admin.Call(HttpMethod.Put, Between(name, "content", page, "space", key))).Expect(HttpStatusCode.OK);

        var bare = (await Admin.Get(Between(name, "user", "current", "content", page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal($"/rest/api/user?accountId={me}", (string?)bare["_expandable"]!["source"]);
        Assert.Equal($"/rest/api/content/{page}", (string?)bare["_expandable"]!["target"]);
        Assert.Equal("", (string?)bare["_expandable"]!["relationData"]);
        var toSpace = (await Admin.Get(Between(name, "content", page, "space", key, "?expand=source"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(page, (string?)toSpace["source"]!["id"]);
        Assert.Null(toSpace["_expandable"]!["source"]);
        Assert.Equal($"/rest/api/space/{key}", (string?)toSpace["_expandable"]!["target"]);
        // Listings name the ends the same way.
        var listed = (await Admin.Get(Targets(name, "content", page, "space"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal($"/rest/api/content/{page}", (string?)listed["results"]![0]!["_expandable"]!["source"]);
        Assert.Equal($"/rest/api/space/{key}", (string?)listed["results"]![0]!["_expandable"]!["target"]);

        // A favourite: asking for both ends expands the user only; the page stays a link.
        (await Admin.Call(HttpMethod.Put, Between("favourite", "user", "current", "content", page))).Expect(HttpStatusCode.OK);
        var plain = (await Admin.Get(Between("favourite", "user", "current", "content", page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Null(plain["source"]);
        Assert.Equal($"/rest/api/user?accountId={me}", (string?)plain["_expandable"]!["source"]);
        var favourite = (await Admin.Get(Between("favourite", "user", "current", "content", page, "?expand=source,target"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(me, (string?)favourite["source"]!["accountId"]);
        Assert.Null(favourite["target"]);
        Assert.Equal($"/rest/api/content/{page}", (string?)favourite["_expandable"]!["target"]);

        // Cloud does not list favourites: 501 with its message, both ways, with the named end resolved first.
        foreach (var url in new[] { Targets("favourite", "user", "current", "content"), Sources("favourite", "content", page, "user"),
                     Targets("Favourite", "user", me, "space") })
        {
            var refused = (await Admin.Get(url)).ExpectError(HttpStatusCode.NotImplemented);
            Assert.Equal("find relations not implemented for Favourites", refused.ErrorMessage);
            Assert.Equal("Not Implemented", (string?)refused.Json!["reason"]);
        }
        (await Admin.Get(Sources("favourite", "content", "99999999", "user"))).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Favourites_of_others_and_hidden_ends_are_refused()
    {
        var reader = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([reader]);
        var page = (string)(await Admin.CreatePageAsync(key, "Shared"))["id"]!;
        var secret = (string)(await Admin.CreatePageAsync(key, "Secret"))["id"]!;
        var me = (string)(await Admin.Get($"{Api}/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(secret, Entry("read", [me]));

        // Nobody makes another user's favourite; the reader makes its own.
        (await reader.Client.Call(HttpMethod.Put, Between("favourite", "user", me, "content", page))).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Call(HttpMethod.Put, Between("favourite", "user", "current", "content", page))).Expect(HttpStatusCode.OK);
        // Only it, or an administrator of the space, may remove it.
        var other = await NewUserAsync();
        (await Admin.PostJson($"{Api}/space/{key}/permission", new
        {
            subject = new { type = "user", identifier = other.AccountId }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);
        (await other.Client.Delete(Between("favourite", "user", reader.AccountId, "content", page))).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Delete(Between("favourite", "user", reader.AccountId, "content", page))).Expect(HttpStatusCode.NoContent);
        (await reader.Client.Get(Between("favourite", "user", "current", "content", page))).ExpectError(HttpStatusCode.NotFound);

        // A restricted page is as missing as one that does not exist, as an end and in listings.
        var name = "linked" + Unique();
        (await reader.Client.Call(HttpMethod.Put, Between(name, "content", page, "content", secret))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Call(HttpMethod.Put, Between(name, "content", page, "content", secret))).Expect(HttpStatusCode.OK);
        (await Admin.Call(HttpMethod.Put, Between(name, "content", page, "space", key))).Expect(HttpStatusCode.OK);
        (await reader.Client.Get(Between(name, "content", page, "content", secret))).ExpectError(HttpStatusCode.NotFound);
        var listed = (await reader.Client.Get(Targets(name, "content", page, "content", "?expand=target"))).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(listed["results"]!.AsArray());
        Assert.DoesNotContain("Secret", listed.ToJsonString());
        Assert.Equal([secret], Ids((await Admin.Get(Targets(name, "content", page, "content", "?expand=target"))).Json!, "target"));
        (await other.Client.Get(Sources(name, "content", secret, "content"))).ExpectError(HttpStatusCode.NotFound);
        (await Server.Anonymous().Get(Targets(name, "content", page, "content"))).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Bad_names_types_keys_and_states_are_4xx()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var page = (string)(await Admin.CreatePageAsync(key, "Ends"))["id"]!;
        (await Admin.Call(HttpMethod.Put, Between("bad%20name", "content", page, "space", key))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Call(HttpMethod.Put, Between(new string('n', 256), "content", page, "space", key))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Call(HttpMethod.Put, Between("x%3Cscript%3E", "content", page, "space", key))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get(Between("rel", "widget", page, "space", key))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get(Targets("rel", "content", page, "widget"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Call(HttpMethod.Put, Between("rel", "content", "99999999", "space", key))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Call(HttpMethod.Put, Between("rel", "content", "abc", "space", key))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Call(HttpMethod.Put, Between("rel", "user", "no-such-account", "space", key))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Call(HttpMethod.Put, Between("rel", "content", page, "space", "NOSUCH" + Unique()))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Call(HttpMethod.Put, Between("rel", "content", page, "space", key, "?sourceStatus=trashed"))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Call(HttpMethod.Put, Between("rel", "content", page, "space", key, "?sourceStatus=historical&sourceVersion=1"))).ExpectError(HttpStatusCode.NotFound);
        await Admin.UpdateAsync(page, 2, "Ends", "<p>v2</p>");
        (await Admin.Call(HttpMethod.Put, Between("rel", "content", page, "space", key, "?sourceStatus=historical&sourceVersion=1"))).Expect(HttpStatusCode.OK);
        (await Admin.Get(Targets("rel", "content", page, "content", "?targetStatus=nonsense"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get(Targets("rel", "content", page, "content", "?limit=-1"))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get(Targets("rel", "content", page, "content", "?sourceVersion=abc"))).ExpectError(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RelationApiTestsOnSqlite(SqliteServerFixture fixture) : RelationApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RelationApiTestsOnPostgres(PostgresServerFixture fixture) : RelationApiTests(fixture);
