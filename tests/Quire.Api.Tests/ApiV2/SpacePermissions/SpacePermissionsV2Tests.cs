using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.SpacePermissions;

public abstract class SpacePermissionsV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Assignments_are_the_grants_v1_wrote_walked_by_cursor()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var space = await owner.Client.CreateSpaceAsync(permissions:
        [
            SpaceTestSupport.Permission("read", "space", [reader.AccountId]),
            SpaceTestSupport.Permission("create", "page", [reader.AccountId]),
        ]);
        var url = $"{V2}/spaces/{(long)space["id"]!}/permissions";

        var all = await reader.Client.WalkAsync($"{url}?limit=3");
        Assert.Equal(all.Count, all.Select(a => (string?)a["id"]).Distinct().Count());
        Assert.Contains(all, a => (string?)a["principal"]?["type"] == "user" && (string?)a["principal"]?["id"] == reader.AccountId
                                  && (string?)a["operation"]?["key"] == "create" && (string?)a["operation"]?["targetType"] == "page");
        Assert.Contains(all, a => (string?)a["principal"]?["id"] == owner.AccountId && (string?)a["operation"]?["key"] == "administer");

        // A grant added through v1 shows up in v2.
        var v1 = (await owner.Client.PostJson($"/wiki/rest/api/space/{(string)space["key"]!}/permission", new
        {
            subject = new { type = "user", identifier = reader.AccountId }, operation = new { key = "delete", target = "page" },
        })).Expect(HttpStatusCode.OK).Json!;
        var after = await reader.Client.WalkAsync(url);
        Assert.Equal(all.Count + 1, after.Count);
        Assert.Contains(after, a => (string?)a["id"] == ((long)v1["id"]!).ToString());

        var stranger = await NewUserAsync();
        (await stranger.Client.Get(url)).ExpectV2Error(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{url}?limit=0")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await reader.Client.Get($"{V2}/spaces/nope/permissions")).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Available_permissions_are_the_ones_a_grant_may_name()
    {
        var user = await NewUserAsync();
        var all = await user.Client.WalkAsync($"{V2}/space-permissions?limit=5");
        var ids = all.Select(p => (string?)p["id"]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("read/space", ids);
        Assert.Contains("create/page", ids);
        Assert.Contains("administer/space", ids);
        Assert.Empty(all.Single(p => (string?)p["id"] == "read/space")["requiredPermissionIds"]!.AsArray());
        Assert.Equal(["read/space"], all.Single(p => (string?)p["id"] == "create/page")["requiredPermissionIds"]!.AsArray().Select(i => (string?)i));
        (await user.Client.Get($"{V2}/space-permissions?cursor=bad")).ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpacePermissionsV2TestsOnSqlite(SqliteServerFixture fixture) : SpacePermissionsV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpacePermissionsV2TestsOnPostgres(PostgresServerFixture fixture) : SpacePermissionsV2Tests(fixture);
