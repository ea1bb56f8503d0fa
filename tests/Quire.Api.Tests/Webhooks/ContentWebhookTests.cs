using Quire.Api.Tests.Infrastructure;
using System.Net;
using Quire.Api.Tests.ContentRestrictions;

namespace Quire.Api.Tests.Webhooks;

/// <summary>Pages, blog posts and comments announce their changes with Cloud's payloads; drafts and failed changes announce nothing.</summary>
public abstract class ContentWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    [SkippableFact]
    public async Task Page_lifecycle_raises_created_updated_trashed_restored_and_removed_with_cloud_payloads()
    {
        await RegisterAsync(["page_created", "page_updated", "page_trashed", "page_restored", "page_removed"]);
        var space = await NewSpaceAsync();
        var admin = await AdminAccountIdAsync();
        var id = await NewPageAsync(space, "Lifecycle");

        var created = await ContentEventAsync("page_created", "page", id);
        WebhookPayloadShapes.AssertContentEvent(created, "page");
        Assert.Equal(admin, (string?)created["userAccountId"]);
        Assert.Equal("customer", (string?)created["accountType"]);
        Assert.Equal(space, (string?)created["page"]!["spaceKey"]);
        Assert.Equal("Lifecycle", (string?)created["page"]!["title"]);
        Assert.Equal("page", (string?)created["page"]!["contentType"]);
        Assert.Equal(1, (int?)created["page"]!["version"]);
        Assert.Equal(admin, (string?)created["page"]!["creatorAccountId"]);
        Assert.Equal($"http://quire.test/wiki/spaces/{space}/pages/{id}/Lifecycle", (string?)created["page"]!["self"]);
        Assert.Null(created["updateTrigger"]);

        (await Admin.PutJson($"/wiki/rest/api/content/{id}", new
        {
            type = "page", title = "Lifecycle 2", version = new { number = 2 },
            body = new { storage = new { value = "<p>Changed</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        var updated = await ContentEventAsync("page_updated", "page", id);
        WebhookPayloadShapes.AssertContentEvent(updated, "page");
        Assert.Equal("edit_page", (string?)updated["updateTrigger"]);
        Assert.Equal(2, (int?)updated["page"]!["version"]);
        Assert.Equal("Lifecycle 2", (string?)updated["page"]!["title"]);

        (await Admin.Delete($"/wiki/rest/api/content/{id}")).Expect(HttpStatusCode.NoContent);
        WebhookPayloadShapes.AssertContentEvent(await ContentEventAsync("page_trashed", "page", id), "page");

        (await Admin.PutJson($"/wiki/rest/api/content/{id}", new
        {
            type = "page", title = "Lifecycle 2", status = "current", version = new { number = 3 },
        })).Expect(HttpStatusCode.OK);
        WebhookPayloadShapes.AssertContentEvent(await ContentEventAsync("page_restored", "page", id), "page");

        (await Admin.Delete($"/wiki/rest/api/content/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"/wiki/rest/api/content/{id}?status=trashed")).Expect(HttpStatusCode.NoContent);
        var removed = await ContentEventAsync("page_removed", "page", id);
        WebhookPayloadShapes.AssertContentEvent(removed, "page");
        Assert.Equal("Lifecycle 2", (string?)removed["page"]!["title"]);

        // One entity's events arrive in the order they happened.
        var order = Receiver.Received.Where(r => (long?)r["page"]?["id"] == id).Select(r => r.Event).ToList();
        Assert.Equal(["page_created", "page_updated", "page_trashed", "page_restored", "page_trashed", "page_removed"], order);
    }

    [SkippableFact]
    public async Task An_edit_by_someone_else_names_the_creator_and_the_editor_as_a_read_back_payload_would()
    {
        // Creations and edits are summarised from the row the service holds, not read back: the
        // summary must still match what the stored page says (and what a read-back event shows).
        await RegisterAsync(["page_created", "page_updated", "page_trashed"]);
        var owner = await NewUserAsync();
        var editor = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([], [owner, editor]);
        var id = long.Parse((string)(await owner.Client.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title = "Shared", space = new { key },
            body = new { storage = new { value = "<p>s</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK).Json!["id"]!);
        var created = (await ContentEventAsync("page_created", "page", id))["page"]!;
        Assert.Equal(owner.AccountId, (string?)created["creatorAccountId"]);
        Assert.Equal(owner.AccountId, (string?)created["lastModifierAccountId"]);
        Assert.Equal((long?)created["creationDate"], (long?)created["modificationDate"]);

        (await editor.Client.PutJson($"/wiki/rest/api/content/{id}", new
        {
            type = "page", title = "Shared 2", version = new { number = 2 },
            body = new { storage = new { value = "<p>t</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        var updated = await ContentEventAsync("page_updated", "page", id);
        Assert.Equal(editor.AccountId, (string?)updated["userAccountId"]);
        var page = updated["page"]!;
        Assert.Equal(owner.AccountId, (string?)page["creatorAccountId"]);
        Assert.Equal(editor.AccountId, (string?)page["lastModifierAccountId"]);
        Assert.Equal((long?)created["creationDate"], (long?)page["creationDate"]);
        var stored = (await owner.Client.Get($"/wiki/rest/api/content/{id}?expand=version,history")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(DateTimeOffset.Parse((string)stored["version"]!["when"]!).ToUnixTimeMilliseconds(), (long?)page["modificationDate"]);

        // page_trashed reads the page back: the same summary, but for what trashing changed.
        (await editor.Client.Delete($"/wiki/rest/api/content/{id}")).Expect(HttpStatusCode.NoContent);
        var trashed = (await ContentEventAsync("page_trashed", "page", id))["page"]!.AsObject();
        foreach (var field in new[] { "id", "idAsString", "spaceKey", "spaceId", "title", "contentType", "version", "creatorAccountId", "lastModifierAccountId", "creationDate", "self" })
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(page[field], trashed[field]), $"{field}: {page[field]} against {trashed[field]}");
    }

    [SkippableFact]
    public async Task Blog_posts_and_comments_raise_their_own_events_and_a_comment_names_its_page()
    {
        await RegisterAsync(["blog_created", "comment_created", "comment_updated", "comment_removed"]);
        var space = await NewSpaceAsync();
        var blog = (await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "blogpost", title = "News", space = new { key = space },
            body = new { storage = new { value = "<p>n</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        var blogId = long.Parse((string)blog.Json!["id"]!);
        var blogEvent = await ContentEventAsync("blog_created", "blog", blogId);
        WebhookPayloadShapes.AssertContentEvent(blogEvent, "blog");
        Assert.Equal("blogpost", (string?)blogEvent["blog"]!["contentType"]);

        var page = await NewPageAsync(space, "Commented");
        var comment = (await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "comment", container = new { id = page.ToString(), type = "page" },
            body = new { storage = new { value = "<p>Nice</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        var commentId = long.Parse((string)comment.Json!["id"]!);
        var created = await ContentEventAsync("comment_created", "comment", commentId);
        WebhookPayloadShapes.AssertContentEvent(created, "comment");
        WebhookPayloadShapes.AssertContentSummary(created["comment"]!["parent"], "comment.parent");
        Assert.Equal(page, (long?)created["comment"]!["parent"]!["id"]);
        Assert.Null(created["comment"]!["title"]);
        Assert.Contains($"focusedCommentId={commentId}", (string?)created["comment"]!["self"]);

        (await Admin.Delete($"/wiki/rest/api/content/{commentId}")).Expect(HttpStatusCode.NoContent);
        await ContentEventAsync("comment_removed", "comment", commentId);
    }

    [SkippableFact]
    public async Task Drafts_raise_nothing_until_published_and_failed_changes_raise_nothing()
    {
        await RegisterAsync(["page_created", "page_updated"]);
        var space = await NewSpaceAsync();
        var draft = (await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title = "Draft first", status = "draft", space = new { key = space },
            body = new { storage = new { value = "<p>d</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        var draftId = long.Parse((string)draft.Json!["id"]!);

        var taken = await NewPageAsync(space, "Taken");
        // Refused: a second page with the title in the space. Nothing may be announced for it.
        (await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title = "Taken", space = new { key = space },
            body = new { storage = new { value = "<p>x</p>", representation = "storage" } },
        })).ExpectError(HttpStatusCode.BadRequest);
        // Refused: an update naming a stale version.
        (await Admin.PutJson($"/wiki/rest/api/content/{taken}", new
        {
            type = "page", title = "Taken", version = new { number = 7 },
        })).ExpectError(HttpStatusCode.Conflict);

        (await Admin.PutJson($"/wiki/rest/api/content/{draftId}", new
        {
            type = "page", title = "Draft first", status = "current", version = new { number = 1 },
        })).Expect(HttpStatusCode.OK);
        var published = await ContentEventAsync("page_created", "page", draftId);
        WebhookPayloadShapes.AssertContentEvent(published, "page");

        // Events go out in order, so by now everything raised before the publication has arrived.
        var mine = Receiver.Received.Where(r => (string?)r["page"]?["spaceKey"] == space).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Single(mine, r => (long?)r["page"]!["id"] == taken && r.Event == "page_created");
        Assert.Single(mine, r => (long?)r["page"]!["id"] == draftId && r.Event == "page_created");
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class ContentWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : ContentWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class ContentWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : ContentWebhookTests(fixture);
