using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Spaces;

public abstract class SpaceSettingsApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static string Settings(string key) => $"/wiki/rest/api/space/{key}/settings";

    [SkippableFact]
    public async Task Get_and_update_route_override()
    {
        var owner = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);

        var settings = (await owner.Client.Get(Settings(key))).Expect(HttpStatusCode.OK).Json!;
        Assert.False((bool?)settings["routeOverrideEnabled"]);
        Assert.Equal("v2", (string?)settings["editor"]?["default"]);
        Assert.Equal(key, (string?)settings["spaceKey"]);
        Assert.Equal($"http://quire.test/wiki/rest/api/space/{key}/settings", (string?)settings["_links"]?["self"]);

        var updated = (await owner.Client.PutJson(Settings(key), new { routeOverrideEnabled = true })).Expect(HttpStatusCode.OK).Json!;
        Assert.True((bool?)updated["routeOverrideEnabled"]);
        Assert.True((bool?)(await owner.Client.Get(Settings(key))).Json!["routeOverrideEnabled"]);
        // An empty update changes nothing.
        Assert.True((bool?)(await owner.Client.PutJson(Settings(key), new { })).Expect(HttpStatusCode.OK).Json!["routeOverrideEnabled"]);
    }

    [SkippableFact]
    public async Task Update_rejects_bad_input_and_non_admins()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        var privateKey = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key);
        await owner.Client.CreateSpaceAsync(privateKey, isPrivate: true);

        (await owner.Client.PutJson(Settings(key), new { routeOverrideEnabled = "yes" })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.PutJson(Settings(key), new { routeOverrideEnabled = 1 })).ExpectError(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Put, Settings(key), "{\"routeOverrideEnabled\": tru")).ExpectError(HttpStatusCode.BadRequest);
        (await reader.Client.Get(Settings(key))).Expect(HttpStatusCode.OK);
        (await reader.Client.PutJson(Settings(key), new { routeOverrideEnabled = true })).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.PutJson(Settings(privateKey), new { routeOverrideEnabled = true })).ExpectError(HttpStatusCode.NotFound);
        (await owner.Client.Get(Settings("NONE" + Unique()))).ExpectError(HttpStatusCode.NotFound);

        Assert.False((bool?)(await owner.Client.Get(Settings(key))).Json!["routeOverrideEnabled"]);
        Assert.False((bool?)(await owner.Client.Get(Settings(privateKey))).Json!["routeOverrideEnabled"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpaceSettingsApiTestsOnSqlite(SqliteServerFixture fixture) : SpaceSettingsApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpaceSettingsApiTestsOnPostgres(PostgresServerFixture fixture) : SpaceSettingsApiTests(fixture);
