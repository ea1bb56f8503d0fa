using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>
/// The single-content read loads the current version's author with the row, so <c>expand=version</c>
/// costs no query of its own; the author it shows is still the right one for every version.
/// </summary>
public abstract class ContentReadCostTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Reading_a_page_with_its_version_runs_no_query_for_the_author()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Authored"))["id"]!;

        var plain = await FewestCommandsAsync($"{ContentUrl}/{id}?expand=");
        var withVersion = await FewestCommandsAsync($"{ContentUrl}/{id}?expand=version");

        Assert.Equal(plain, withVersion);
        var page = await Admin.GetContentAsync(id, "?expand=version");
        Assert.Equal(QuireServer.AdminEmail, (string?)page["version"]!["by"]!["email"]);
    }

    [SkippableFact]
    public async Task Each_version_shows_its_own_author()
    {
        var editor = await NewUserAsync("Second Author");
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions:
        [
            SpaceTestSupport.Permission("read", "space", [editor.AccountId]),
            SpaceTestSupport.Permission("create", "page", [editor.AccountId]),
        ]);
        var id = (string)(await Admin.CreatePageAsync(key, "Edited"))["id"]!;
        await editor.Client.UpdateAsync(id, 2, "Edited", "<p>Second</p>");

        var current = await Admin.GetContentAsync(id, "?expand=version,history");
        Assert.Equal(editor.AccountId, (string?)current["version"]!["by"]!["accountId"]);
        Assert.Equal(QuireServer.AdminEmail, (string?)current["history"]!["createdBy"]!["email"]);

        var first = await Admin.GetContentAsync(id, "?version=1&status=historical&expand=version");
        Assert.Equal(1, (int?)first["version"]!["number"]);
        Assert.Equal(QuireServer.AdminEmail, (string?)first["version"]!["by"]!["email"]);
    }

    [SkippableFact]
    public async Task A_v2_page_read_runs_as_many_queries_as_the_v1_read()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Read through both"))["id"]!;

        var v1 = await FewestCommandsAsync($"{ContentUrl}/{id}?expand=body.storage,version");
        // The creator and the version's author come with the row: no query for account ids.
        var v2 = await FewestCommandsAsync($"/wiki/api/v2/pages/{id}?body-format=storage");

        Assert.Equal(v1, v2);
        var page = (await Admin.Get($"/wiki/api/v2/pages/{id}")).Expect(HttpStatusCode.OK).Json!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        Assert.Equal(me, (string)page["authorId"]!);
        Assert.Equal(me, (string)page["ownerId"]!);
        Assert.Equal(me, (string)page["version"]!["authorId"]!);
    }

    private Task<long> FewestCommandsAsync(string url) => Admin.FewestCommandsAsync(Server.Services.GetRequiredService<Database>(), url);
}

[Collection(SqliteCollection.Name)]
public sealed class ContentReadCostTestsOnSqlite(SqliteServerFixture fixture) : ContentReadCostTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentReadCostTestsOnPostgres(PostgresServerFixture fixture) : ContentReadCostTests(fixture);
