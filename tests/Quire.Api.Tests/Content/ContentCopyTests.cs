using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.Content;

/// <summary>POST /content/{id}/copy.</summary>
public abstract class ContentCopyTests(ServerFixture fixture) : ApiTest(fixture)
{
    /// <summary>Content labels and properties have no routes yet, so the source's rows are written straight to the database.</summary>
    private async Task LabelAndPropertyAsync(string pageId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var name = "l" + Unique();
        var labelId = await db.ExecuteScalarAsync<long>(
            "INSERT INTO labels (prefix, name, owner_id) VALUES ('global', @name, 0) RETURNING id", new { name });
        await db.ExecuteAsync("INSERT INTO content_labels (content_id, label_id, created_at) VALUES (@id, @labelId, 0)", new { id = long.Parse(pageId), labelId });
        await db.ExecuteAsync(
            "INSERT INTO content_properties (content_id, key, value, version, version_at, version_message, minor_edit) VALUES (@id, 'k', '{\"a\":1}', 3, 0, '', @minor)",
            new { id = long.Parse(pageId), minor = false });
    }

    private Task<long> Count(string table, string id) =>
        Server.CountAsync($"SELECT COUNT(*) FROM {table} WHERE content_id = @id", new { id = long.Parse(id) });

    [SkippableFact]
    public async Task A_page_is_copied_to_a_space_under_a_parent_and_over_an_existing_page()
    {
        var key = SpaceTestSupport.NewKey();
        var otherKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        await Admin.CreateSpaceAsync(otherKey);
        var source = (string)(await Admin.CreatePageAsync(key, "Source", "<p>original</p>"))["id"]!;
        await LabelAndPropertyAsync(source);
        var parent = (string)(await Admin.CreatePageAsync(key, "Parent"))["id"]!;

        var toSpace = (await Admin.PostJson($"{ContentUrl}/{source}/copy", new
        {
            destination = new { type = "space", value = otherKey }, copyLabels = true, copyProperties = true,
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Source", (string?)toSpace["title"]);
        Assert.Equal(otherKey, (string?)toSpace["space"]?["key"]);
        Assert.Equal(1, (int?)toSpace["version"]?["number"]);
        var copyId = (string)toSpace["id"]!;
        Assert.Equal("<p>original</p>", (string?)(await Admin.GetContentAsync(copyId, "?expand=body.storage"))["body"]?["storage"]?["value"]);
        Assert.Equal(1, await Count("content_labels", copyId));
        Assert.Equal(1, await Count("content_properties", copyId));

        var underParent = (await Admin.PostJson($"{ContentUrl}/{source}/copy?expand=ancestors,body.storage", new
        {
            destination = new { type = "parent_page", value = parent }, pageTitle = "Renamed",
            body = new { storage = new { value = "<p>new</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Renamed", (string?)underParent["title"]);
        Assert.Equal(parent, (string?)underParent["ancestors"]?[0]?["id"]);
        Assert.Equal("<p>new</p>", (string?)underParent["body"]?["storage"]?["value"]);
        Assert.Equal(0, await Count("content_labels", (string)underParent["id"]!));

        var existing = (string)(await Admin.CreatePageAsync(key, "Existing", "<p>old</p>"))["id"]!;
        var over = (await Admin.PostJson($"{ContentUrl}/{source}/copy", new
        {
            destination = new { type = "existing_page", value = existing }, pageTitle = "Existing",
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(existing, (string?)over["id"]);
        Assert.Equal(2, (int?)over["version"]?["number"]);
        Assert.Equal("<p>original</p>", (string?)(await Admin.GetContentAsync(existing, "?expand=body.storage"))["body"]?["storage"]?["value"]);
    }

    [SkippableFact]
    public async Task Bad_copies_are_refused_and_store_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var source = (string)(await Admin.CreatePageAsync(key, "Source"))["id"]!;
        await LabelAndPropertyAsync(source);
        var pages = await Server.CountAsync("SELECT COUNT(*) FROM content WHERE space_id = (SELECT id FROM spaces WHERE key = @key)", new { key });

        // Same space, same title.
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new { destination = new { type = "space", value = key }, copyLabels = true }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new { destination = new { type = "galaxy", value = key } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new { pageTitle = "No destination" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new { destination = new { type = "space" } })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new { destination = new { type = "space", value = key }, copyLabels = "yes" }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new
        {
            destination = new { type = "space", value = key }, pageTitle = "Broken", body = new { storage = new { value = "<p>unclosed", representation = "storage" } },
        })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new { destination = new { type = "space", value = "NOPE" + Unique() }, pageTitle = "X" }))
            .ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{ContentUrl}/{source}/copy", new { destination = new { type = "parent_page", value = "999999999" }, pageTitle = "X" }))
            .ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{ContentUrl}/999999999/copy", new { destination = new { type = "space", value = key }, pageTitle = "X" }))
            .ExpectError(HttpStatusCode.NotFound);
        (await Admin.PostJson($"{ContentUrl}/abc/copy", new { destination = new { type = "space", value = key }, pageTitle = "X" }))
            .ExpectError(HttpStatusCode.NotFound);

        var privateKey = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(privateKey, isPrivate: true);
        var hidden = (string)(await Admin.CreatePageAsync(privateKey, "Hidden"))["id"]!;
        var reader = await NewUserAsync();
        (await reader.Client.PostJson($"{ContentUrl}/{hidden}/copy", new { destination = new { type = "space", value = key }, pageTitle = "Leak" }))
            .ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.PostJson($"{ContentUrl}/{source}/copy", new { destination = new { type = "space", value = privateKey }, pageTitle = "In" }))
            .ExpectError(HttpStatusCode.NotFound);

        Assert.Equal(pages, await Server.CountAsync("SELECT COUNT(*) FROM content WHERE space_id = (SELECT id FROM spaces WHERE key = @key)", new { key }));
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM content_labels cl JOIN content c ON c.id = cl.content_id JOIN spaces s ON s.id = c.space_id WHERE s.key = @key", new { key }));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContentCopyTestsOnSqlite(SqliteServerFixture fixture) : ContentCopyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContentCopyTestsOnPostgres(PostgresServerFixture fixture) : ContentCopyTests(fixture);
