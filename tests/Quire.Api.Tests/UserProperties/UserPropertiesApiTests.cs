using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.UserProperties;

public abstract class UserPropertiesApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string PropertyUrl(TestUser user, string key) => $"/wiki/rest/api/user/{user.AccountId}/property/{key}";

    [SkippableFact]
    public async Task Create_read_update_list_and_delete_a_property()
    {
        var user = await NewUserAsync();
        var url = PropertyUrl(user, "editor-settings");

        (await user.Client.PostJson(url, new { value = new { theme = "dark", size = 12, tags = new[] { "a", "b" } } }))
            .Expect(HttpStatusCode.Created);

        var property = (await user.Client.Get(url)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("editor-settings", (string?)property["key"]);
        Assert.Equal("dark", (string?)property["value"]?["theme"]);
        Assert.Equal(12, (int?)property["value"]?["size"]);
        Assert.NotNull(property["id"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}", (string?)property["createdDate"]);
        Assert.NotNull(property["lastModifiedDate"]);

        (await user.Client.PutJson(url, new { value = new { theme = "light" } })).Expect(HttpStatusCode.NoContent);
        var updated = (await user.Client.Get(url)).Json!;
        Assert.Equal("light", (string?)updated["value"]?["theme"]);
        Assert.Null(updated["value"]?["size"]);

        (await user.Client.PostJson(PropertyUrl(user, "another"), new { value = new { x = 1 } })).Expect(HttpStatusCode.Created);
        var keys = (await user.Client.Get($"/wiki/rest/api/user/{user.AccountId}/property")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["another", "editor-settings"], keys["results"]!.AsArray().Select(k => (string?)k!["key"]).ToList());
        Assert.Equal(5, (int?)keys["limit"]);

        var firstPage = (await user.Client.Get($"/wiki/rest/api/user/{user.AccountId}/property?limit=1")).Json!;
        Assert.Single(firstPage["results"]!.AsArray());
        Assert.NotNull(firstPage["_links"]?["next"]);

        (await user.Client.Delete(url)).Expect(HttpStatusCode.NoContent);
        (await user.Client.Get(url)).ExpectError(HttpStatusCode.NotFound);
        (await user.Client.Delete(url)).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Duplicate_create_is_a_conflict_and_keeps_the_value()
    {
        var user = await NewUserAsync();
        var url = PropertyUrl(user, "once");
        (await user.Client.PostJson(url, new { value = new { v = 1 } })).Expect(HttpStatusCode.Created);
        (await user.Client.PostJson(url, new { value = new { v = 2 } })).ExpectError(HttpStatusCode.Conflict);
        Assert.Equal(1, (int?)(await user.Client.Get(url)).Json!["value"]?["v"]);
    }

    [SkippableFact]
    public async Task Other_users_cannot_touch_my_properties_but_admins_can()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var url = PropertyUrl(owner, "private");
        (await owner.Client.PostJson(url, new { value = new { secret = true } })).Expect(HttpStatusCode.Created);

        (await other.Client.Get(url)).ExpectError(HttpStatusCode.Forbidden);
        (await other.Client.PutJson(url, new { value = new { secret = false } })).ExpectError(HttpStatusCode.Forbidden);
        (await other.Client.Delete(url)).ExpectError(HttpStatusCode.Forbidden);
        (await other.Client.Get($"/wiki/rest/api/user/{owner.AccountId}/property")).ExpectError(HttpStatusCode.Forbidden);
        Assert.True((bool?)(await owner.Client.Get(url)).Json!["value"]?["secret"]);

        (await Admin.Get(url)).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var user = await NewUserAsync();
        var url = PropertyUrl(user, "kept");
        (await user.Client.PostJson(url, new { value = new { v = 1 } })).Expect(HttpStatusCode.Created);

        (await user.Client.SendRaw(HttpMethod.Put, url, "{\"value\": {\"v\": 2")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.SendRaw(HttpMethod.Put, url, "{}")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.SendRaw(HttpMethod.Put, url, "{\"value\": null}")).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.SendRaw(HttpMethod.Put, url, "[1,2]")).ExpectError(HttpStatusCode.BadRequest);
        var huge = new string('x', 40_000);
        (await user.Client.PutJson(url, new { value = new { huge } })).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(1, (int?)(await user.Client.Get(url)).Json!["value"]?["v"]);

        // The spec's UserPropertyCreate and UserPropertyUpdate: the value is a JSON object.
        foreach (var json in new[] { "\"text\"", "true", "1", "[]", "[\"a\"]" })
        {
            (await user.Client.SendRaw(HttpMethod.Put, url, $"{{\"value\": {json}}}")).ExpectError(HttpStatusCode.BadRequest);
            (await user.Client.SendRaw(HttpMethod.Post, PropertyUrl(user, "scalar"), $"{{\"value\": {json}}}")).ExpectError(HttpStatusCode.BadRequest);
        }
        (await user.Client.Get(PropertyUrl(user, "scalar"))).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(1, (int?)(await user.Client.Get(url)).Json!["value"]?["v"]);

        (await user.Client.PostJson(PropertyUrl(user, "bad%20key"), new { value = new { v = 1 } })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson(PropertyUrl(user, new string('k', 300)), new { value = new { v = 1 } })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PutJson(PropertyUrl(user, "missing"), new { value = new { v = 1 } })).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/wiki/rest/api/user/nobody/property")).ExpectError(HttpStatusCode.NotFound);
        (await user.Client.Get($"/wiki/rest/api/user/{user.AccountId}/property?limit=-3")).ExpectError(HttpStatusCode.BadRequest);

        var keys = (await user.Client.Get($"/wiki/rest/api/user/{user.AccountId}/property")).Json!;
        Assert.Single(keys["results"]!.AsArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserPropertiesApiTestsOnSqlite(SqliteServerFixture fixture) : UserPropertiesApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UserPropertiesApiTestsOnPostgres(PostgresServerFixture fixture) : UserPropertiesApiTests(fixture);
