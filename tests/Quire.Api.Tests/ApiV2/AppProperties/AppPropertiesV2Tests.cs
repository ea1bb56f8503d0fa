using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.AppProperties;

/// <summary>confluence.js's app properties: site-wide JSON values by key, for site admins while Quire has no apps.</summary>
public abstract class AppPropertiesV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Admins_put_read_list_and_delete_values()
    {
        var prefix = "k" + Unique();
        var created = (await Admin.PutJson($"{V2}/app/properties/{prefix}-a", new { colour = "blue", sizes = new[] { 1, 2 } })).Expect(HttpStatusCode.Created).Json!;
        Assert.Equal($"{prefix}-a", (string?)created["key"]);
        Assert.Equal("blue", (string?)created["value"]!["colour"]);
        var replaced = (await Admin.PutJson($"{V2}/app/properties/{prefix}-a", new { colour = "green" })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("green", (string?)replaced["value"]!["colour"]);
        Assert.Null(replaced["value"]!["sizes"]);
        (await Admin.PutJson($"{V2}/app/properties/{prefix}-b", new { n = 2 })).Expect(HttpStatusCode.Created);
        (await Admin.PutJson($"{V2}/app/properties/{prefix}-c", new { n = 3 })).Expect(HttpStatusCode.Created);

        var one = (await Admin.Get($"{V2}/app/properties/{prefix}-a")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("green", (string?)one["value"]!["colour"]);
        var mine = (await Admin.WalkAsync($"{V2}/app/properties?limit=1")).Where(p => ((string?)p["key"])!.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], mine.Select(p => (string?)p["key"]));
        Assert.Equal(3, (int?)mine[2]["value"]!["n"]);

        (await Admin.Delete($"{V2}/app/properties/{prefix}-b")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"{V2}/app/properties/{prefix}-b")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Delete($"{V2}/app/properties/{prefix}-b")).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Bad_values_and_other_users_change_nothing()
    {
        var user = await NewUserAsync();
        var key = "k" + Unique();
        (await Admin.PutJson($"{V2}/app/properties/{key}", new { kept = true })).Expect(HttpStatusCode.Created);
        (await user.Client.Get($"{V2}/app/properties")).ExpectV2Error(HttpStatusCode.Forbidden);
        (await user.Client.Get($"{V2}/app/properties/{key}")).ExpectV2Error(HttpStatusCode.Forbidden);
        (await user.Client.PutJson($"{V2}/app/properties/{key}", new { kept = false })).ExpectV2Error(HttpStatusCode.Forbidden);
        (await user.Client.Delete($"{V2}/app/properties/{key}")).ExpectV2Error(HttpStatusCode.Forbidden);

        (await Admin.SendRaw(HttpMethod.Put, $"{V2}/app/properties/{key}", "null")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Put, $"{V2}/app/properties/{key}", "{\"a\":")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{V2}/app/properties/{key}", new { big = new string('x', 40_000) })).ExpectV2Error(HttpStatusCode.RequestEntityTooLarge);
        (await Admin.PutJson($"{V2}/app/properties/{new string('k', 300)}", new { a = 1 })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get($"{V2}/app/properties?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.True((bool)(await Admin.Get($"{V2}/app/properties/{key}")).Expect(HttpStatusCode.OK).Json!["value"]!["kept"]!);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM app_properties WHERE key = @key", new { key = new string('k', 300) }));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AppPropertiesV2TestsOnSqlite(SqliteServerFixture fixture) : AppPropertiesV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AppPropertiesV2TestsOnPostgres(PostgresServerFixture fixture) : AppPropertiesV2Tests(fixture);
