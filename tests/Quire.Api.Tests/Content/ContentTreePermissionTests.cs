using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>Moves and copies by a caller who may read a space but not add pages to it: 403, and nothing changes.</summary>
public abstract class ContentTreePermissionTests(ServerFixture fixture) : ApiTest(fixture)
{
    /// <summary>Takes the site users' create grants off a global space (there is no permission API yet), leaving them view.</summary>
    private async Task ReadOnlyForSiteUsersAsync(string key)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.ExecuteAsync(
            "DELETE FROM space_permissions WHERE group_id IS NOT NULL AND operation <> 'read' AND space_id = (SELECT id FROM spaces WHERE key = @key)",
            new { key });
    }

    [SkippableFact]
    public async Task A_reader_without_add_permission_may_neither_move_nor_copy_into_the_space()
    {
        var readOnly = SpaceTestSupport.NewKey();
        var open = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(readOnly);
        await Admin.CreateSpaceAsync(open);
        await ReadOnlyForSiteUsersAsync(readOnly);
        var locked = (string)(await Admin.CreatePageAsync(readOnly, "Locked"))["id"]!;
        var lockedSibling = (string)(await Admin.CreatePageAsync(readOnly, "Locked sibling"))["id"]!;
        var mine = (string)(await Admin.CreatePageAsync(open, "Mine"))["id"]!;
        var reader = await NewUserAsync();
        (await reader.Client.Get($"{ContentUrl}/{locked}/child/page")).Expect(HttpStatusCode.OK);

        (await reader.Client.PutJson($"{ContentUrl}/{mine}/move/append/{locked}", new { })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson($"{ContentUrl}/{locked}/move/append/{mine}", new { })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson($"{ContentUrl}/{lockedSibling}/move/before/{locked}", new { })).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PostJson($"{ContentUrl}/{mine}/copy", new { destination = new { type = "parent_page", value = locked } }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PostJson($"{ContentUrl}/{mine}/copy", new { destination = new { type = "space", value = readOnly } }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PostJson($"{ContentUrl}/{mine}/pagehierarchy/copy", new { destinationPageId = locked })).ExpectError(HttpStatusCode.Forbidden);

        Assert.Empty((await Admin.Get($"{ContentUrl}/{locked}/child/page")).Json!["results"]!.AsArray());
        Assert.Equal(open, (string?)(await Admin.GetContentAsync(mine, "?expand=space"))["space"]?["key"]);
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE title = 'Mine'", new { }));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentTreePermissionTestsOnSqlite(SqliteServerFixture fixture) : ContentTreePermissionTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentTreePermissionTestsOnPostgres(PostgresServerFixture fixture) : ContentTreePermissionTests(fixture);
