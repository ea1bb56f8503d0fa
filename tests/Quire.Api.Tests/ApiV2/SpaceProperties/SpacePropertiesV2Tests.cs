using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.SpaceProperties;

public abstract class SpacePropertiesV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Space_properties_by_id_are_v1s_space_properties()
    {
        var owner = await NewUserAsync();
        var (key, id) = await owner.Client.NewSpaceAsync();
        var url = $"{V2}/spaces/{id}/properties";

        var created = (await owner.Client.PostJson(url, new { key = "theme", value = new { colour = "blue" } })).Expect(HttpStatusCode.Created).Json!;
        var propertyId = (string)created["id"]!;
        Assert.Equal("theme", (string?)created["key"]);
        Assert.Equal("blue", (string?)created["value"]?["colour"]);
        Assert.Equal(1, (int?)created["version"]?["number"]);
        Assert.Equal(owner.AccountId, (string?)created["version"]?["createdBy"]);

        var v1 = (await owner.Client.Get($"/wiki/rest/api/space/{key}/property/theme")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("blue", (string?)v1["value"]?["colour"]);
        (await owner.Client.PostJson($"/wiki/rest/api/space/{key}/property", new { key = "alpha", value = "a" })).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson(url, new { key = "zulu", value = "z" })).Expect(HttpStatusCode.Created);

        Assert.Equal(["alpha", "theme", "zulu"], (await owner.Client.WalkAsync($"{url}?limit=2")).Select(p => (string?)p["key"]));
        Assert.Equal(["theme"], (await owner.Client.WalkAsync($"{url}?key=theme")).Select(p => (string?)p["key"]));

        var updated = (await owner.Client.PutJson($"{url}/{propertyId}", new { key = "theme", value = "red", version = new { number = 2, message = "m" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("red", (string?)updated["value"]);
        Assert.Equal(2, (int?)updated["version"]?["number"]);
        Assert.Equal("m", (string?)updated["version"]?["message"]);
        Assert.Equal("red", (string?)(await owner.Client.Get($"/wiki/rest/api/space/{key}/property/theme")).Json!["value"]);

        (await owner.Client.Delete($"{url}/{propertyId}")).Expect(HttpStatusCode.NoContent);
        (await owner.Client.Get($"{url}/{propertyId}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"/wiki/rest/api/space/{key}/property/theme")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Readers_read_admins_write_and_bad_input_changes_nothing()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var stranger = await NewUserAsync();
        var space = await owner.Client.CreateSpaceAsync(permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var url = $"{V2}/spaces/{(long)space["id"]!}/properties";
        var id = (string)(await owner.Client.PostJson(url, new { key = "k", value = "v" })).Expect(HttpStatusCode.Created).Json!["id"]!;

        Assert.Single((await reader.Client.WalkAsync(url)));
        (await reader.Client.Get($"{url}/{id}")).Expect(HttpStatusCode.OK);
        (await reader.Client.PostJson(url, new { key = "r", value = "v" })).ExpectV2Error(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson($"{url}/{id}", new { value = "w", version = new { number = 2 } })).ExpectV2Error(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"{url}/{id}")).ExpectV2Error(HttpStatusCode.Forbidden);
        (await stranger.Client.Get(url)).ExpectV2Error(HttpStatusCode.NotFound);
        (await stranger.Client.Get($"{url}/{id}")).ExpectV2Error(HttpStatusCode.NotFound);

        (await owner.Client.PostJson(url, new { key = "k", value = "taken" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, new { value = "no key" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson($"{url}/{id}", new { value = "w", version = new { number = 5 } })).ExpectV2Error(HttpStatusCode.Conflict);
        (await owner.Client.PutJson($"{url}/{id}", new { key = "other", value = "w", version = new { number = 2 } })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{V2}/spaces/x/properties")).ExpectV2Error(HttpStatusCode.BadRequest);

        var only = Assert.Single(await owner.Client.WalkAsync(url));
        Assert.Equal("v", (string?)only["value"]);
        Assert.Equal(1, (int?)only["version"]?["number"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpacePropertiesV2TestsOnSqlite(SqliteServerFixture fixture) : SpacePropertiesV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpacePropertiesV2TestsOnPostgres(PostgresServerFixture fixture) : SpacePropertiesV2Tests(fixture);
