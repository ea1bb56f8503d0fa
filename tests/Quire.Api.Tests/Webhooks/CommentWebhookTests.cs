using Quire.Api.Tests.Infrastructure;
using System.Net;
using System.Text.Json.Nodes;

namespace Quire.Api.Tests.Webhooks;

/// <summary>Comments announce their changes through every path: v2 footer and inline comments, replies, and v1's update.</summary>
public abstract class CommentWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    private const string V2 = "/wiki/api/v2";

    /// <summary>A comment: no title, its page as <c>parent</c>; a reply also names the comment it answers as <c>inReplyTo</c>.</summary>
    private const string ReplyShape = """
        {
          "type": "object",
          "required": ["comment"],
          "properties": {
            "comment": {
              "type": "object",
              "required": ["contentType", "parent", "inReplyTo"],
              "not": { "required": ["title"] },
              "properties": {
                "contentType": { "const": "comment" },
                "parent": { "type": "object", "required": ["id", "contentType"] },
                "inReplyTo": {
                  "type": "object", "required": ["id", "idAsString"],
                  "properties": { "id": { "type": "integer" }, "idAsString": { "type": "string" } }
                }
              }
            }
          }
        }
        """;

    private static JsonObject Storage(string value) => new() { ["representation"] = "storage", ["value"] = value };

    private static void AssertComment(ReceivedWebhook received, long page)
    {
        WebhookPayloadShapes.AssertContentEvent(received, "comment");
        WebhookPayloadShapes.AssertContentSummary(received["comment"]!["parent"], received.Event + ".comment.parent");
        Assert.Equal(page, (long?)received["comment"]!["parent"]!["id"]);
        Assert.Null(received["comment"]!["title"]);
    }

    [SkippableFact]
    public async Task V2_footer_comments_and_replies_raise_created_updated_and_removed()
    {
        await RegisterAsync(["comment_created", "comment_updated", "comment_removed"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Discussed");

        var footer = long.Parse((string)(await Admin.PostJson($"{V2}/footer-comments", new { pageId = page.ToString(), body = Storage("<p>First</p>") }))
            .Expect(HttpStatusCode.Created).Json!["id"]!);
        var created = await ContentEventAsync("comment_created", "comment", footer);
        AssertComment(created, page);
        Assert.Null(created["comment"]!["inReplyTo"]);

        var reply = long.Parse((string)(await Admin.PostJson($"{V2}/footer-comments", new { parentCommentId = footer.ToString(), body = Storage("<p>Re</p>") }))
            .Expect(HttpStatusCode.Created).Json!["id"]!);
        var replied = await ContentEventAsync("comment_created", "comment", reply);
        AssertComment(replied, page);
        WebhookPayloadShapes.AssertShape(ReplyShape, replied.Json, "reply");
        Assert.Equal(footer, (long?)replied["comment"]!["inReplyTo"]!["id"]);

        // Refused: a stale version. Nothing may be announced for it.
        (await Admin.PutJson($"{V2}/footer-comments/{footer}", new { version = new { number = 5 }, body = Storage("<p>x</p>") }))
            .ExpectV2Error(HttpStatusCode.Conflict);
        (await Admin.PutJson($"{V2}/footer-comments/{footer}", new { version = new { number = 2 }, body = Storage("<p>Edited</p>") }))
            .Expect(HttpStatusCode.OK);
        var updated = await ContentEventAsync("comment_updated", "comment", footer);
        AssertComment(updated, page);
        Assert.Equal(2, (int?)updated["comment"]!["version"]);

        (await Admin.Delete($"{V2}/footer-comments/{reply}")).Expect(HttpStatusCode.NoContent);
        AssertComment(await ContentEventAsync("comment_removed", "comment", reply), page);
        Assert.Equal(["comment_created", "comment_updated"], Receiver.Received.Where(r => (long?)r["comment"]?["id"] == footer).Select(r => r.Event));
    }

    [SkippableFact]
    public async Task V2_inline_comments_and_v1_comment_updates_raise_comment_events()
    {
        await RegisterAsync(["comment_created", "comment_updated", "comment_removed"]);
        var space = await NewSpaceAsync();
        var page = long.Parse((string)(await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title = "Highlighted", space = new { key = space },
            body = new { storage = new { value = "<p>Some highlighted text</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK).Json!["id"]!);

        var inline = long.Parse((string)(await Admin.PostJson($"{V2}/inline-comments", new
        {
            pageId = page.ToString(), body = Storage("<p>Why?</p>"),
            inlineCommentProperties = new { textSelection = "highlighted", textSelectionMatchCount = 1, textSelectionMatchIndex = 0 },
        })).Expect(HttpStatusCode.Created).Json!["id"]!);
        AssertComment(await ContentEventAsync("comment_created", "comment", inline), page);

        (await Admin.PutJson($"{V2}/inline-comments/{inline}", new { version = new { number = 2 }, body = Storage("<p>Why not?</p>") }))
            .Expect(HttpStatusCode.OK);
        AssertComment(await ContentEventAsync("comment_updated", "comment", inline), page);

        // v1 updates the same comment.
        (await Admin.PutJson($"/wiki/rest/api/content/{inline}", new
        {
            type = "comment", version = new { number = 3 },
            body = new { storage = new { value = "<p>From v1</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        var v1 = await Receiver.WaitForEventAsync("comment_updated", w => (long?)w["comment"]?["id"] == inline && (int?)w["comment"]?["version"] == 3);
        AssertComment(v1, page);

        (await Admin.Delete($"{V2}/inline-comments/{inline}")).Expect(HttpStatusCode.NoContent);
        AssertComment(await ContentEventAsync("comment_removed", "comment", inline), page);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class CommentWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : CommentWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class CommentWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : CommentWebhookTests(fixture);
