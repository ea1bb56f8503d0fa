using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>Moves and copies by a caller who may read a space but not add pages to it: 403, and nothing changes.</summary>
public abstract class ContentTreePermissionTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_reader_without_add_permission_may_neither_move_nor_copy_into_the_space()
    {
        var readOnly = SpaceTestSupport.NewKey();
        var open = SpaceTestSupport.NewKey();
        // Site users may only read this one.
        await Admin.CreateSpaceAsync(readOnly, permissions: [SpaceTestSupport.Permission("read", "space", groups: ["confluence-users"])]);
        await Admin.CreateSpaceAsync(open);
        var locked = (string)(await Admin.CreatePageAsync(readOnly, "Locked"))["id"]!;
        var lockedSibling = (string)(await Admin.CreatePageAsync(readOnly, "Locked sibling"))["id"]!;
        var title = "Mine " + Unique();
        var mine = (string)(await Admin.CreatePageAsync(open, title))["id"]!;
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
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE title = @title", new { title }));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentTreePermissionTestsOnSqlite(SqliteServerFixture fixture) : ContentTreePermissionTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentTreePermissionTestsOnPostgres(PostgresServerFixture fixture) : ContentTreePermissionTests(fixture);
