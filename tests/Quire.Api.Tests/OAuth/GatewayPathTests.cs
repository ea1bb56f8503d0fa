using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.OAuth;

/// <summary>
/// <c>/ex/confluence/{cloudId}/...</c>: the gateway paths OAuth apps call serve the same operations as the site's
/// own paths (v1 with and without <c>/wiki</c>, and v2); another cloud id, or a path under none of the API
/// bases, answers 404 with Confluence's error body.
/// </summary>
public abstract class GatewayPathTests(ServerFixture fixture) : OAuthTest(fixture)
{
    [SkippableFact]
    public async Task The_gateway_paths_serve_the_sites_operations_for_its_cloud_id_only()
    {
        var cloudId = (string)(await Admin.Get("/wiki/rest/api/settings/systemInfo")).Expect(HttpStatusCode.OK).Json!["cloudId"]!;
        var direct = (await Admin.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!;
        foreach (var path in new[] { $"/ex/confluence/{cloudId}/wiki/rest/api/user/current", $"/ex/confluence/{cloudId}/rest/api/user/current" })
        {
            var json = (await Admin.Get(path)).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal((string?)direct["accountId"], (string?)json["accountId"]);
        }
        var spaces = (await Admin.Get($"/ex/confluence/{cloudId}/wiki/api/v2/spaces?limit=1")).Expect(HttpStatusCode.OK).Json!;
        Assert.NotNull(spaces["results"]);

        (await Admin.Get($"/ex/confluence/{Guid.NewGuid()}/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"/ex/confluence/{cloudId}/wiki/rest/apix/user/current")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"/ex/confluence/{cloudId}/status")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"/ex/confluence/{cloudId}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get("/ex/confluence/")).ExpectError(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class GatewayPathTestsOnSqlite(SqliteServerFixture fixture) : GatewayPathTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class GatewayPathTestsOnPostgres(PostgresServerFixture fixture) : GatewayPathTests(fixture);
