using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// Folders (and the page tree's other kinds) announce their changes as <c>content_*</c> events, Cloud's events for content
/// of other types, in the change's own transaction and with the content summary under <c>content</c>.
/// </summary>
public abstract class TreeContentWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    [SkippableFact]
    public async Task A_folder_raises_content_created_updated_trashed_and_restored()
    {
        await RegisterAsync(["content_created", "content_updated", "content_trashed", "content_restored", "page_created"]);
        var space = await NewSpaceAsync();
        var admin = await AdminAccountIdAsync();
        var spaceId = (long)(await Admin.Get($"/wiki/rest/api/space/{space}")).Json!["id"]!;
        var id = long.Parse((string)(await Admin.PostJson("/wiki/api/v2/folders", new { spaceId = spaceId.ToString(System.Globalization.CultureInfo.InvariantCulture), title = "Hooked" }))
            .Expect(HttpStatusCode.OK).Json!["id"]!);

        var created = await ContentEventAsync("content_created", "content", id);
        WebhookPayloadShapes.AssertContentEvent(created, "content");
        Assert.Equal(admin, (string?)created["userAccountId"]);
        Assert.Equal("folder", (string?)created["content"]!["contentType"]);
        Assert.Equal("Hooked", (string?)created["content"]!["title"]);
        Assert.Equal($"http://quire.test/wiki/spaces/{space}/folder/{id}", (string?)created["content"]!["self"]);

        (await Admin.PutJson($"/wiki/rest/api/content/{id}", new { type = "folder", title = "Hooked 2", version = new { number = 2 } }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Hooked 2", (string?)(await ContentEventAsync("content_updated", "content", id))["content"]!["title"]);

        (await Admin.Delete($"/wiki/api/v2/folders/{id}")).Expect(HttpStatusCode.NoContent);
        WebhookPayloadShapes.AssertContentEvent(await ContentEventAsync("content_trashed", "content", id), "content");
        (await Admin.PutJson($"/wiki/rest/api/content/{id}", new { type = "folder", title = "Hooked 2", status = "current", version = new { number = 3 } }))
            .Expect(HttpStatusCode.OK);
        WebhookPayloadShapes.AssertContentEvent(await ContentEventAsync("content_restored", "content", id), "content");

        // A page created in the folder is still a page_created.
        var page = await NewPageAsync(space, "Inside", parentId: id);
        await ContentEventAsync("page_created", "page", page);
        var order = Receiver.Received.Where(r => (long?)r["content"]?["id"] == id).Select(r => r.Event).ToList();
        Assert.Equal(["content_created", "content_updated", "content_trashed", "content_restored"], order);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class TreeContentWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : TreeContentWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class TreeContentWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : TreeContentWebhookTests(fixture);
