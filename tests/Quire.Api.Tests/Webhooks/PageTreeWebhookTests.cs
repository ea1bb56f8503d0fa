using Quire.Api.Tests.Infrastructure;
using System.Net;
using System.Text.Json.Nodes;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// Moves (page_moved with the old and new parent, page_children_reordered when only the order changes),
/// restoring an old version (page_updated), and copies (page_created for each copy) raise Cloud's events.
/// </summary>
public abstract class PageTreeWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    private const string Api = "/wiki/rest/api";

    /// <summary>Data Center's <c>page_moved</c>: the page and, each when there is one, its old and new parent.</summary>
    private const string MovedShape = """
        {
          "type": "object",
          "required": ["page", "oldParent", "newParent"],
          "properties": {
            "page": { "type": "object", "required": ["id", "contentType"] },
            "oldParent": { "type": "object", "required": ["id", "contentType"] },
            "newParent": { "type": "object", "required": ["id", "contentType"] }
          }
        }
        """;

    /// <summary>Data Center's <c>page_children_reordered</c>: the parent as <c>page</c>, its children in the old and the new order.</summary>
    private const string ReorderedShape = """
        {
          "type": "object",
          "required": ["page", "oldSortedChildren", "newSortedChildren"],
          "properties": {
            "oldSortedChildren": { "type": "array", "minItems": 1, "items": { "type": "object", "required": ["id", "title"] } },
            "newSortedChildren": { "type": "array", "minItems": 1, "items": { "type": "object", "required": ["id", "title"] } }
          }
        }
        """;

    private static List<long> Ids(JsonNode? array) => array!.AsArray().Select(n => (long)n!["id"]!).ToList();

    [SkippableFact]
    public async Task A_move_to_another_parent_raises_page_moved_and_a_move_among_siblings_page_children_reordered()
    {
        await RegisterAsync(["page_moved", "page_children_reordered"]);
        var space = await NewSpaceAsync();
        var first = await NewPageAsync(space, "First parent");
        var second = await NewPageAsync(space, "Second parent");
        var a = await NewPageAsync(space, "A", first);
        var b = await NewPageAsync(space, "B", second);
        var c = await NewPageAsync(space, "C", second);

        // Refused: a page cannot move relative to itself. Nothing may be announced for it.
        (await Admin.PutJson($"{Api}/content/{a}/move/append/{a}", new { })).ExpectError(HttpStatusCode.BadRequest);

        (await Admin.PutJson($"{Api}/content/{a}/move/append/{second}", new { })).Expect(HttpStatusCode.OK);
        var moved = await ContentEventAsync("page_moved", "page", a);
        WebhookPayloadShapes.AssertContentEvent(moved, "page", "oldParent", "newParent");
        WebhookPayloadShapes.AssertShape(MovedShape, moved.Json, "page_moved");
        Assert.Equal(first, (long?)moved["oldParent"]!["id"]);
        Assert.Equal(second, (long?)moved["newParent"]!["id"]);

        // Under the second parent now: B, C, A. Moving A before B only reorders them.
        (await Admin.PutJson($"{Api}/content/{a}/move/before/{b}", new { })).Expect(HttpStatusCode.OK);
        var reordered = await ContentEventAsync("page_children_reordered", "page", second);
        WebhookPayloadShapes.AssertContentEvent(reordered, "page");
        WebhookPayloadShapes.AssertShape(ReorderedShape, reordered.Json, "page_children_reordered");
        foreach (var child in reordered["newSortedChildren"]!.AsArray()) WebhookPayloadShapes.AssertContentSummary(child, "newSortedChildren[]");
        Assert.Equal([b, c, a], Ids(reordered["oldSortedChildren"]));
        Assert.Equal([a, b, c], Ids(reordered["newSortedChildren"]));

        // A move to where the page already is changes nothing and announces nothing; the next reorder is the parent's next event.
        (await Admin.PutJson($"{Api}/content/{a}/move/before/{b}", new { })).Expect(HttpStatusCode.OK);
        (await Admin.PutJson($"{Api}/content/{c}/move/before/{a}", new { })).Expect(HttpStatusCode.OK);
        var again = await Receiver.WaitForEventAsync("page_children_reordered", w => (long?)w["page"]?["id"] == second && Ids(w["newSortedChildren"])[0] == c);
        Assert.Equal([a, b, c], Ids(again["oldSortedChildren"]));
        Assert.Equal([c, a, b], Ids(again["newSortedChildren"]));
        Assert.Equal(2, Receiver.Received.Count(r => r.Event == "page_children_reordered" && (long?)r["page"]?["id"] == second));
        // The refused move came before the real one, about the same page, so it would have arrived first.
        Assert.Single(Receiver.Received, r => r.Event == "page_moved" && (long?)r["page"]?["id"] == a);
    }

    [SkippableFact]
    public async Task Page_children_reordered_counts_the_folders_among_the_children()
    {
        await RegisterAsync(["page_children_reordered"]);
        var space = await NewSpaceAsync();
        var spaceId = (await Admin.Get($"{Api}/space/{space}")).Json!["id"]!.ToString();
        var parent = await NewPageAsync(space, "Family with a folder");
        var page = await NewPageAsync(space, "Family page", parent);
        var folder = long.Parse((string)(await Admin.PostJson("/wiki/api/v2/folders", new { spaceId, title = "Family folder", parentId = parent.ToString() }))
            .Expect(HttpStatusCode.OK).Json!["id"]!);

        // The folder shares its siblings' positions: moving the page after it reorders the family.
        (await Admin.PutJson($"{Api}/content/{page}/move/after/{folder}", new { })).Expect(HttpStatusCode.OK);
        var reordered = await ContentEventAsync("page_children_reordered", "page", parent);
        Assert.Equal([page, folder], Ids(reordered["oldSortedChildren"]));
        Assert.Equal([folder, page], Ids(reordered["newSortedChildren"]));
    }

    [SkippableFact]
    public async Task Trashing_a_page_tree_raises_content_trashed_for_its_folders_and_page_trashed_for_the_pages_in_them()
    {
        await RegisterAsync(["page_trashed", "content_trashed"]);
        var space = await NewSpaceAsync();
        var spaceId = (await Admin.Get($"{Api}/space/{space}")).Json!["id"]!.ToString();
        var root = await NewPageAsync(space, "Folder tree root");
        var folder = long.Parse((string)(await Admin.PostJson("/wiki/api/v2/folders", new { spaceId, title = "Tree folder", parentId = root.ToString() }))
            .Expect(HttpStatusCode.OK).Json!["id"]!);
        var inFolder = await NewPageAsync(space, "Tree page in folder", folder);

        (await Admin.Delete($"{Api}/content/{root}/pageTree")).Expect(HttpStatusCode.Accepted);
        foreach (var id in new[] { root, inFolder }) WebhookPayloadShapes.AssertContentEvent(await ContentEventAsync("page_trashed", "page", id), "page");
        var folderTrashed = await ContentEventAsync("content_trashed", "content", folder);
        WebhookPayloadShapes.AssertContentEvent(folderTrashed, "content");
        Assert.Equal("folder", (string?)folderTrashed["content"]!["contentType"]);
        Assert.DoesNotContain(Receiver.Received, r => r.Event == "page_trashed" && (long?)r["page"]?["id"] == folder);
    }

    [SkippableFact]
    public async Task Trashing_a_page_tree_through_its_long_task_raises_page_trashed_for_every_page()
    {
        await RegisterAsync(["page_trashed"]);
        var space = await NewSpaceAsync();
        var root = await NewPageAsync(space, "Tree root");
        var child = await NewPageAsync(space, "Tree child", root);
        var grandchild = await NewPageAsync(space, "Tree grandchild", child);

        (await Admin.Delete($"/wiki/rest/api/content/{root}/pageTree")).Expect(HttpStatusCode.Accepted);
        foreach (var id in new[] { root, child, grandchild })
        {
            var trashed = await ContentEventAsync("page_trashed", "page", id);
            WebhookPayloadShapes.AssertContentEvent(trashed, "page");
            Assert.Equal(await AdminAccountIdAsync(), (string?)trashed["userAccountId"]);
        }
    }

    [SkippableFact]
    public async Task Restoring_an_old_version_raises_page_updated_and_copies_raise_page_created()
    {
        await RegisterAsync(["page_updated", "page_created"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Versioned");
        (await Admin.PutJson($"{Api}/content/{page}", new
        {
            type = "page", title = "Versioned", version = new { number = 2 },
            body = new { storage = new { value = "<p>Two</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        (await Admin.PostJson($"{Api}/content/{page}/version", new { operationKey = "restore", @params = new { versionNumber = 1, message = "back" } }))
            .Expect(HttpStatusCode.OK);
        var restored = await Receiver.WaitForEventAsync("page_updated", w => (long?)w["page"]?["id"] == page && (int?)w["page"]?["version"] == 3);
        WebhookPayloadShapes.AssertContentEvent(restored, "page");

        var copy = long.Parse((string)(await Admin.PostJson($"{Api}/content/{page}/copy", new
        {
            destination = new { type = "parent_page", value = page.ToString() }, pageTitle = "The copy",
        })).Expect(HttpStatusCode.OK).Json!["id"]!);
        var copied = await ContentEventAsync("page_created", "page", copy);
        WebhookPayloadShapes.AssertContentEvent(copied, "page");
        Assert.Equal("The copy", (string?)copied["page"]!["title"]);

        // A hierarchy copy (a long task) announces each page it makes.
        await NewPageAsync(space, "Child", page);
        var destination = await NewPageAsync(space, "Destination");
        (await Admin.PostJson($"{Api}/content/{page}/pagehierarchy/copy", new
        {
            destinationPageId = destination.ToString(), copyDescendants = true, titleOptions = new { prefix = "Copied " },
        })).Expect(HttpStatusCode.Accepted);
        var all = await Receiver.WaitForAsync(r => r.Count(w => w.Event == "page_created" && ((string?)w["page"]?["title"])?.StartsWith("Copied ") == true) == 3);
        var copies = all.Where(w => w.Event == "page_created" && ((string?)w["page"]?["title"])?.StartsWith("Copied ") == true).ToList();
        foreach (var created in copies) WebhookPayloadShapes.AssertContentEvent(created, "page");
        Assert.Equal(["Copied Child", "Copied The copy", "Copied Versioned"], copies.Select(w => (string)w["page"]!["title"]!).Order());
        Assert.All(copies, w => Assert.Equal(space, (string?)w["page"]!["spaceKey"]));
        Assert.All(copies, w => Assert.False(string.IsNullOrEmpty((string?)w["userAccountId"])));
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class PageTreeWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : PageTreeWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class PageTreeWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : PageTreeWebhookTests(fixture);
