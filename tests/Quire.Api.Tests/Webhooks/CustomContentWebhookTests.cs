using System.Net;
using Quire.Api.Tests.ApiV2.CustomContent;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Webhooks;

/// <summary>Custom content announces its changes as <c>content_*</c> (Cloud's events for app-declared types), naming its container as <c>parent</c>.</summary>
public abstract class CustomContentWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    [SkippableFact]
    public async Task Custom_content_raises_content_created_updated_trashed_and_restored()
    {
        await RegisterAsync(["content_created", "content_updated", "content_trashed", "content_restored"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Holder");
        var type = await Admin.DeclareTypeAsync(["page"]);
        var created = await Admin.CreateCustomContentAsync(type, "pageId", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "Widget");
        var id = long.Parse((string)created["id"]!, System.Globalization.CultureInfo.InvariantCulture);

        var event1 = await ContentEventAsync("content_created", "content", id);
        WebhookPayloadShapes.AssertContentEvent(event1, "content");
        Assert.Equal(type, (string?)event1["content"]!["contentType"]);
        Assert.Equal("Widget", (string?)event1["content"]!["title"]);
        Assert.Equal(page, (long?)event1["content"]!["parent"]!["id"]);

        (await Admin.PutJson($"/wiki/api/v2/custom-content/{id}", new
        {
            id = id.ToString(System.Globalization.CultureInfo.InvariantCulture), type, status = "current", title = "Widget 2",
            body = new { representation = "storage", value = "<p>2</p>" }, version = new { number = 2 },
        })).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (int?)(await ContentEventAsync("content_updated", "content", id))["content"]!["version"]);

        (await Admin.Delete($"/wiki/api/v2/custom-content/{id}")).Expect(HttpStatusCode.NoContent);
        WebhookPayloadShapes.AssertContentEvent(await ContentEventAsync("content_trashed", "content", id), "content");
        (await Admin.PutJson($"/wiki/rest/api/content/{id}", new { type, title = "Widget 2", status = "current", version = new { number = 3 } }))
            .Expect(HttpStatusCode.OK);
        WebhookPayloadShapes.AssertContentEvent(await ContentEventAsync("content_restored", "content", id), "content");

        var order = Receiver.Received.Where(r => (long?)r["content"]?["id"] == id).Select(r => r.Event).ToList();
        Assert.Equal(["content_created", "content_updated", "content_trashed", "content_restored"], order);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class CustomContentWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : CustomContentWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class CustomContentWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : CustomContentWebhookTests(fixture);
