using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Spaces;

public abstract class SpaceApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Api = "/wiki/rest/api/space";

    [SkippableFact]
    public async Task Create_answers_the_space_with_links_and_expandables()
    {
        var user = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var space = await user.Client.CreateSpaceAsync(key, "Team space", "What we do");

        Assert.Equal(key, (string?)space["key"]);
        Assert.Equal("Team space", (string?)space["name"]);
        Assert.Equal("global", (string?)space["type"]);
        Assert.Equal("current", (string?)space["status"]);
        Assert.True((long?)space["id"] > 0);
        Assert.Equal($"http://quire.test/wiki/rest/api/space/{key}", (string?)space["_links"]?["self"]);
        Assert.Equal($"/spaces/{key}", (string?)space["_links"]?["webui"]);
        Assert.Equal("http://quire.test/wiki", (string?)space["_links"]?["base"]);
        foreach (var name in new[] { "settings", "metadata", "operations", "lookAndFeel", "identifiers", "permissions", "icon", "description", "theme", "history", "homepage" })
            Assert.NotNull(space["_expandable"]?[name]);

        var read = (await user.Client.Get($"{Api}/{key.ToLowerInvariant()}?expand=description.plain,description.view,homepage,icon,history"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("What we do", (string?)read["description"]?["plain"]?["value"]);
        Assert.Equal("view", (string?)read["description"]?["view"]?["representation"]);
        Assert.Equal("Team space Home", (string?)read["homepage"]?["title"]);
        Assert.Equal("page", (string?)read["homepage"]?["type"]);
        Assert.Equal("current", (string?)read["homepage"]?["status"]);
        Assert.NotNull(read["icon"]?["path"]);
        Assert.Equal(user.AccountId, (string?)read["history"]?["createdBy"]?["accountId"]);
        Assert.NotNull(read["history"]?["createdDate"]);
        Assert.Null(read["_expandable"]?["homepage"]);
        Assert.Null(read["_expandable"]?["description"]);
    }

    [SkippableFact]
    public async Task Expand_permissions_operations_settings_and_labels()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        (await owner.Client.PostJson($"{Api}/{key}/label", new[] { new { prefix = "global", name = "docs" } })).Expect(HttpStatusCode.OK);

        var mine = (await owner.Client.Get($"{Api}/{key}?expand=permissions,operations,settings,metadata.labels")).Expect(HttpStatusCode.OK).Json!;
        var grants = mine["permissions"]!.AsArray();
        Assert.Contains(grants, g => (string?)g!["subjects"]?["user"]?["results"]?[0]?["accountId"] == owner.AccountId
                                      && (string?)g["operation"]?["operation"] == "administer");
        Assert.Contains(grants, g => (string?)g!["subjects"]?["group"]?["results"]?[0]?["name"] == "confluence-users"
                                      && (string?)g["operation"]?["operation"] == "read");
        Assert.Contains(mine["operations"]!.AsArray(), o => (string?)o!["operation"] == "administer");
        Assert.False((bool?)mine["settings"]?["routeOverrideEnabled"]);
        Assert.Equal("docs", (string?)mine["metadata"]?["labels"]?["results"]?[0]?["name"]);

        var theirs = (await other.Client.Get($"{Api}/{key}?expand=operations")).Expect(HttpStatusCode.OK).Json!;
        var operations = theirs["operations"]!.AsArray().Select(o => $"{o!["operation"]}/{o["targetType"]}").ToList();
        Assert.Contains("read/space", operations);
        Assert.Contains("create/page", operations);
        Assert.DoesNotContain("administer/space", operations);
    }

    [SkippableFact]
    public async Task Create_with_permissions_grants_exactly_those_and_the_creator_keeps_admin()
    {
        var owner = await NewUserAsync();
        var viewer = await NewUserAsync();
        var writer = await NewUserAsync();
        var outsider = await NewUserAsync();
        var group = "readers-" + Unique();
        (await Admin.PostJson("/wiki/rest/api/group", new { name = group })).Expect(HttpStatusCode.Created);
        (await Admin.PostJson($"/wiki/rest/api/group/user?name={group}", new { accountId = viewer.AccountId })).Expect(HttpStatusCode.Created);
        var key = SpaceTestSupport.NewKey();
        (await owner.Client.PostJson(Api, new
        {
            key, name = "Granted",
            permissions = new[]
            {
                SpaceTestSupport.Permission("read", "space", [writer.AccountId], [group.ToUpperInvariant()]),
                SpaceTestSupport.Permission("create", "page", [writer.AccountId]),
            },
        })).Expect(HttpStatusCode.OK);

        // Not the defaults: a site user outside the grants does not even see the space.
        (await outsider.Client.Get($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);
        var grants = (await owner.Client.Get($"{Api}/{key}?expand=permissions")).Expect(HttpStatusCode.OK).Json!["permissions"]!.AsArray();
        Assert.DoesNotContain(grants, g => (string?)g!["subjects"]?["group"]?["results"]?[0]?["name"] == "confluence-users");
        Assert.Contains(grants, g => (string?)g!["subjects"]?["user"]?["results"]?[0]?["accountId"] == owner.AccountId
                                      && (string?)g["operation"]?["operation"] == "administer");

        string Operations(JsonNode space) =>
            string.Join(",", space["operations"]!.AsArray().Select(o => $"{o!["operation"]}/{o["targetType"]}").Order());
        var asViewer = (await viewer.Client.Get($"{Api}/{key}?expand=operations")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("read/space", Operations(asViewer));
        var asWriter = (await writer.Client.Get($"{Api}/{key}?expand=operations")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("create/page,read/space", Operations(asWriter));
        (await viewer.Client.PostJson("/wiki/rest/api/content", new { type = "page", title = "No", space = new { key } }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await writer.Client.PostJson("/wiki/rest/api/content", new { type = "page", title = "Yes", space = new { key } }))
            .Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Create_with_bad_permissions_is_refused_and_creates_nothing()
    {
        var owner = await NewUserAsync();
        var cases = new object[]
        {
            new[] { SpaceTestSupport.Permission("read", "page", [owner.AccountId]) },
            new[] { SpaceTestSupport.Permission("fly", "space", [owner.AccountId]) },
            new[] { SpaceTestSupport.Permission("read", "space", ["no-such-account"]) },
            new[] { SpaceTestSupport.Permission("read", "space", groups: ["no-such-group-" + Unique()]) },
            new[] { SpaceTestSupport.Permission("read", "space") },
            new[] { SpaceTestSupport.Permission("read", "space", anonymous: true) },
            new object?[] { null },
            "read",
            new[] { new { operation = "read" } },
        };
        foreach (var permissions in cases)
        {
            var key = SpaceTestSupport.NewKey();
            (await owner.Client.PostJson(Api, new { key, name = "Bad", permissions })).ExpectError(HttpStatusCode.BadRequest);
            (await owner.Client.Get($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);
        }
    }

    [SkippableFact]
    public async Task List_filters_orders_by_key_and_pages()
    {
        var user = await NewUserAsync();
        var prefix = "L" + Unique().ToUpperInvariant();
        foreach (var suffix in new[] { "C", "A", "B" })
            await user.Client.CreateSpaceAsync(prefix + suffix);

        var keys = $"{prefix}A,{prefix}B&spaceKey={prefix}C";
        var all = (await user.Client.Get($"{Api}?spaceKey={keys}&expand=description.plain,homepage,history,permissions,operations,metadata.labels"))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([$"{prefix}A", $"{prefix}B", $"{prefix}C"], all["results"]!.AsArray().Select(s => (string?)s!["key"]).ToList());
        Assert.All(all["results"]!.AsArray(), s => Assert.NotNull(s!["homepage"]));
        Assert.Equal(25, (int?)all["limit"]);

        var first = (await user.Client.Get($"{Api}?spaceKey={keys}&limit=2")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int?)first["size"]);
        Assert.NotNull(first["_links"]?["next"]);
        var second = (await user.Client.Get($"{Api}?spaceKey={keys}&limit=2&start=2")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal($"{prefix}C", (string?)second["results"]?[0]?["key"]);
        Assert.Null(second["_links"]?["next"]);

        var id = (long)all["results"]![1]!["id"]!;
        var byId = (await user.Client.Get($"{Api}?spaceId={id}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal($"{prefix}B", (string?)byId["results"]?[0]?["key"]);
        Assert.Equal(1, (int?)byId["size"]);

        Assert.Equal(0, (int?)(await user.Client.Get($"{Api}?spaceKey={keys}&type=personal")).Expect(HttpStatusCode.OK).Json!["size"]);
        Assert.Equal(3, (int?)(await user.Client.Get($"{Api}?spaceKey={keys}&type=global&status=current")).Expect(HttpStatusCode.OK).Json!["size"]);

        (await user.Client.Get($"{Api}?status=deleted")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.Get($"{Api}?type=team")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.Get($"{Api}?spaceId=abc")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.Get($"{Api}?limit=-1")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.Get($"{Api}?favourite=maybe")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.Get($"{Api}?spaceKey={string.Join(',', Enumerable.Range(0, 501).Select(i => "K" + i))}")).ExpectError(HttpStatusCode.BadRequest);
        (await Server.Anonymous().Get(Api)).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Private_spaces_are_invisible_to_others_everywhere()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key, isPrivate: true);

        (await owner.Client.Get($"{Api}/{key}")).Expect(HttpStatusCode.OK);
        (await other.Client.Get($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);
        var listed = (await other.Client.Get($"{Api}?spaceKey={key}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(0, (int?)listed["size"]);
        Assert.Equal(1, (int?)(await owner.Client.Get($"{Api}?spaceKey={key}")).Json!["size"]);

        // Writes from someone who cannot see the space answer 404 too, and change nothing.
        (await other.Client.PutJson($"{Api}/{key}", new { name = "Taken" })).ExpectError(HttpStatusCode.NotFound);
        (await other.Client.Delete($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);
        (await other.Client.Get($"{Api}/{key}/property")).ExpectError(HttpStatusCode.NotFound);
        (await other.Client.Get($"{Api}/{key}/settings")).ExpectError(HttpStatusCode.NotFound);
        (await other.Client.Get($"{Api}/{key}/label")).ExpectError(HttpStatusCode.NotFound);
        var still = (await owner.Client.Get($"{Api}/{key}")).Json!;
        Assert.Equal("Space " + key, (string?)still["name"]);

        var grants = (await owner.Client.Get($"{Api}/{key}?expand=permissions")).Json!["permissions"]!.AsArray();
        Assert.DoesNotContain(grants, g => g!["subjects"]?["group"] is not null);
    }

    [SkippableFact]
    public async Task Create_rejects_bad_input_and_duplicates()
    {
        var user = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await user.Client.CreateSpaceAsync(key);

        var duplicate = (await user.Client.PostJson(Api, new { key = key.ToLowerInvariant(), name = "Again" })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Contains($"A space with key {key.ToLowerInvariant()} already exists", duplicate.ErrorMessage);
        (await user.Client.PostJson(Api, new { key = "has space", name = "x" })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = "dash-key", name = "x" })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = "K'; DROP TABLE spaces;--", name = "x" })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = new string('K', 256), name = "x" })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { name = "no key" })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = SpaceTestSupport.NewKey() })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = SpaceTestSupport.NewKey(), name = new string('n', 201) })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = SpaceTestSupport.NewKey(), name = "   " })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = 42, name = "x" })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = SpaceTestSupport.NewKey(), name = "x", description = "not an object" })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.SendRaw(HttpMethod.Post, Api, "{\"key\": \"ABC\", ")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.SendRaw(HttpMethod.Post, Api, "")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.SendRaw(HttpMethod.Post, Api, "[]")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(Api, new { key = "~somebodyelse", name = "x" })).ExpectError(HttpStatusCode.BadRequest);
        (await Server.Anonymous().PostJson(Api, new { key = SpaceTestSupport.NewKey(), name = "x" })).ExpectError(HttpStatusCode.Unauthorized);

        // None of the rejected keys made a space.
        Assert.Equal(0, (int?)(await Admin.Get($"{Api}?spaceKey=ABC,dashkey")).Json!["size"]);
    }

    [SkippableFact]
    public async Task Hostile_strings_are_stored_and_returned_as_data()
    {
        var user = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        const string name = "<script>alert('x')</script> Robert'); DROP TABLE spaces;--";
        const string description = "<b>bold</b> & \"quoted\" \u00e9\u4e2d";
        await user.Client.CreateSpaceAsync(key, name, description);

        var read = (await user.Client.Get($"{Api}/{key}?expand=description.plain,description.view")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(name, (string?)read["name"]);
        Assert.Equal(description, (string?)read["description"]?["plain"]?["value"]);
        Assert.Equal("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; \u00e9\u4e2d", (string?)read["description"]?["view"]?["value"]);
    }

    [SkippableFact]
    public async Task Update_changes_name_description_status_and_homepage()
    {
        var user = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var created = await user.Client.CreateSpaceAsync(key);
        var homepageId = (string)(await user.Client.Get($"{Api}/{key}?expand=homepage")).Json!["homepage"]!["id"]!;

        var updated = (await user.Client.PutJson($"{Api}/{key}?expand=description.plain,homepage", new
        {
            name = "Renamed",
            description = new { plain = new { value = "New words", representation = "plain" } },
            homepage = new { id = homepageId },
            status = "archived",
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Renamed", (string?)updated["name"]);
        Assert.Equal("archived", (string?)updated["status"]);
        Assert.Equal("New words", (string?)updated["description"]?["plain"]?["value"]);
        Assert.Equal(homepageId, (string?)updated["homepage"]?["id"]);
        Assert.Equal((long?)created["id"], (long?)updated["id"]);

        var archived = (await user.Client.Get($"{Api}?spaceKey={key}&status=archived")).Json!;
        Assert.Equal(1, (int?)archived["size"]);
    }

    [SkippableFact]
    public async Task Update_rejects_bad_input_and_non_admins_without_changes()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var otherKey = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key, "Original");
        await owner.Client.CreateSpaceAsync(otherKey);
        var foreignHomepage = (string)(await owner.Client.Get($"{Api}/{otherKey}?expand=homepage")).Json!["homepage"]!["id"]!;

        // The spec answers 404 to a caller who may read the space but not administer it.
        (await other.Client.PutJson($"{Api}/{key}", new { name = "Hijacked" })).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.PutJson($"{Api}/{key}", new { name = new string('n', 201) })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Api}/{key}", new { name = "Changed", status = "deleted" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Api}/{key}", new { name = "Changed", type = "personal" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Api}/{key}", new { name = "Changed", homepage = new { id = foreignHomepage } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Api}/{key}", new { name = "Changed", homepage = new { id = "abc" } })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Api}/{key}", new { name = "Changed", homepage = "123" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Api}/{key}", new { name = 5 })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Put, $"{Api}/{key}", "{name:")).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{Api}/NOSUCHSPACE{Unique()}", new { name = "x" })).ExpectError(HttpStatusCode.NotFound);

        var read = (await owner.Client.Get($"{Api}/{key}")).Json!;
        Assert.Equal("Original", (string?)read["name"]);
        Assert.Equal("current", (string?)read["status"]);
    }

    [SkippableFact]
    public async Task Get_unknown_space_is_404()
    {
        (await Admin.Get($"{Api}/NOPE{Unique()}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{Api}/%3Cscript%3E")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Personal_space_shows_in_the_users_personalSpace_expansion()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var space = await user.Client.CreateSpaceAsync("~" + user.UserName, "My own");
        Assert.Equal("personal", (string?)space["type"]);
        (await user.Client.PostJson(Api, new { key = "~" + user.AccountId, name = "Second" })).ExpectError(HttpStatusCode.BadRequest);

        var me = (await user.Client.Get("/wiki/rest/api/user/current?expand=personalSpace")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("~" + user.UserName, (string?)me["personalSpace"]?["key"]);

        var seen = (await other.Client.Get($"/wiki/rest/api/user/bulk?accountId={user.AccountId},{other.AccountId}&expand=personalSpace"))
            .Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal("~" + user.UserName, (string?)seen[0]!["personalSpace"]?["key"]);
        Assert.Null(seen[1]!["personalSpace"]);

        var personal = (await user.Client.Get($"{Api}?type=personal&spaceKey=~{user.UserName}")).Json!;
        Assert.Equal(1, (int?)personal["size"]);
    }

    [SkippableFact]
    public async Task Delete_runs_a_long_task_that_removes_everything()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var id = (long)(await owner.Client.CreateSpaceAsync(key))["id"]!;
        (await owner.Client.PostJson($"{Api}/{key}/property", new { key = "p", value = new { a = 1 } })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"{Api}/{key}/label", new[] { new { prefix = "global", name = "gone" } })).Expect(HttpStatusCode.OK);

        (await other.Client.Delete($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{Api}/{key}")).Expect(HttpStatusCode.OK);

        var accepted = (await owner.Client.Delete($"{Api}/{key}")).Expect(HttpStatusCode.Accepted).Json!;
        var taskId = (string)accepted["id"]!;
        Assert.Equal($"/rest/api/longtask/{taskId}", (string?)accepted["links"]?["status"]);

        // Gone from reads at once, before the task has necessarily run.
        (await owner.Client.Get($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Delete($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);

        var status = await owner.Client.WaitForTaskAsync(taskId);
        Assert.True((bool?)status["successful"]);
        Assert.Equal(100, (int?)status["percentageComplete"]);
        Assert.NotEmpty(status["messages"]!.AsArray());

        (await owner.Client.Get($"{Api}/{key}")).ExpectError(HttpStatusCode.NotFound);
        foreach (var table in new[] { "spaces WHERE id", "space_permissions WHERE space_id", "space_properties WHERE space_id", "space_labels WHERE space_id", "content WHERE space_id" })
            Assert.Equal(0, await Server.CountAsync($"SELECT COUNT(*) FROM {table} = @id", new { id }));

        // The key is free again once the space is gone.
        await owner.Client.CreateSpaceAsync(key);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpaceApiTestsOnSqlite(SqliteServerFixture fixture) : SpaceApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpaceApiTestsOnPostgres(PostgresServerFixture fixture) : SpaceApiTests(fixture);
