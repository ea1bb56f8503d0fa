using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using System.Net;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;

namespace Quire.Api.Tests.Webhooks;

/// <summary>Attachments announce their upload, new versions (of bytes or properties), trashing and purging; refused uploads announce nothing.</summary>
public abstract class AttachmentWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    /// <summary>Cloud's attachment summary: a content summary with the file's name, media type and size, and the page it is on as <c>parent</c>.</summary>
    private const string AttachmentShape = """
        {
          "type": "object",
          "required": ["attachment"],
          "properties": {
            "attachment": {
              "type": "object",
              "required": ["id", "idAsString", "title", "contentType", "version", "fileName", "mediaType", "fileSize", "parent"],
              "properties": {
                "contentType": { "const": "attachment" },
                "fileName": { "type": "string", "minLength": 1 },
                "mediaType": { "type": "string", "minLength": 1 },
                "fileSize": { "type": "integer", "minimum": 0 },
                "parent": { "type": "object", "required": ["id", "contentType"] }
              }
            }
          }
        }
        """;

    /// <summary>An attachment's id as webhook payloads give it: v1 answers <c>att123</c>, payloads the number.</summary>
    private static long Numeric(string id) => long.Parse(id.StartsWith("att", StringComparison.Ordinal) ? id[3..] : id);

    private static void AssertAttachment(ReceivedWebhook received)
    {
        WebhookPayloadShapes.AssertContentEvent(received, "attachment");
        WebhookPayloadShapes.AssertShape(AttachmentShape, received.Json, received.Event);
        WebhookPayloadShapes.AssertContentSummary(received["attachment"]!["parent"], received.Event + ".attachment.parent");
    }

    [SkippableFact]
    public async Task Uploads_new_versions_property_changes_trashing_and_purging_raise_attachment_events()
    {
        await RegisterAsync(["attachment_created", "attachment_updated", "attachment_trashed", "attachment_restored", "attachment_removed"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "With files");

        var uploaded = await Admin.AttachAsync(page.ToString(), new UploadFile("notes.txt", Bytes("hello")));
        var attId = (string)uploaded[0]!["id"]!;
        var id = Numeric(attId);
        var created = await ContentEventAsync("attachment_created", "attachment", id);
        AssertAttachment(created);
        Assert.Equal("notes.txt", (string?)created["attachment"]!["fileName"]);
        Assert.Equal("text/plain", (string?)created["attachment"]!["mediaType"]);
        Assert.Equal(5, (long?)created["attachment"]!["fileSize"]);
        Assert.Equal(page, (long?)created["attachment"]!["parent"]!["id"]);
        Assert.Equal(1, (int?)created["attachment"]!["version"]);

        // Refused: the name is taken. Nothing may be announced for it.
        (await Admin.UploadAsync(HttpMethod.Post, Attachments(page.ToString()), Form([new UploadFile("notes.txt", Bytes("again"))])))
            .ExpectError(HttpStatusCode.BadRequest);

        (await Admin.UploadAsync(HttpMethod.Post, $"{Attachments(page.ToString())}/{attId}/data", Form([new UploadFile("notes.txt", Bytes("hello again"))])))
            .Expect(HttpStatusCode.OK);
        var newData = await Receiver.WaitForEventAsync("attachment_updated", w => (long?)w["attachment"]?["id"] == id && (int?)w["attachment"]?["version"] == 2);
        AssertAttachment(newData);
        Assert.Equal(11, (long?)newData["attachment"]!["fileSize"]);

        (await Admin.PutJson($"{Attachments(page.ToString())}/{attId}", new
        {
            id = attId, type = "attachment", title = "renamed.txt", version = new { number = 3 },
        })).Expect(HttpStatusCode.OK);
        var renamed = await Receiver.WaitForEventAsync("attachment_updated", w => (long?)w["attachment"]?["id"] == id && (int?)w["attachment"]?["version"] == 3);
        AssertAttachment(renamed);
        Assert.Equal("renamed.txt", (string?)renamed["attachment"]!["fileName"]);

        // v1 trashes it; v2 purges it from the trash.
        (await Admin.Delete($"/wiki/rest/api/content/{id}")).Expect(HttpStatusCode.NoContent);
        AssertAttachment(await ContentEventAsync("attachment_trashed", "attachment", id));

        // v1 restores it as it restores any trashed content (status current); its version is its file's and stays.
        var restore = new { type = "attachment", title = "notes.txt", status = "current", version = new { number = 4 } };
        var restored = (await Admin.PutJson($"/wiki/rest/api/content/{id}", restore)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("current", (string?)restored["status"]);
        Assert.Equal(3, (int?)restored["version"]!["number"]);
        var restoredEvent = await ContentEventAsync("attachment_restored", "attachment", id);
        AssertAttachment(restoredEvent);
        Assert.Equal(11, (long?)restoredEvent["attachment"]!["fileSize"]);
        Assert.Contains((await Admin.Get($"{Attachments(page.ToString())}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray(), a => (string?)a!["id"] == attId);
        // Restoring what is not in the trash is refused, and announces nothing.
        (await Admin.PutJson($"/wiki/rest/api/content/{id}", restore)).ExpectError(HttpStatusCode.BadRequest);

        (await Admin.Delete($"/wiki/rest/api/content/{id}")).Expect(HttpStatusCode.NoContent);
        await Receiver.WaitForEventAsync("attachment_trashed", w => (long?)w["attachment"]?["id"] == id && w.ReceivedAt >= restoredEvent.ReceivedAt);
        (await Admin.Delete($"/wiki/api/v2/attachments/{id}?purge=true")).Expect(HttpStatusCode.NoContent);
        var removed = await ContentEventAsync("attachment_removed", "attachment", id);
        AssertAttachment(removed);

        var order = Receiver.Received.Where(r => (long?)r["attachment"]?["id"] == id).Select(r => r.Event).ToList();
        Assert.Equal(["attachment_created", "attachment_updated", "attachment_updated", "attachment_trashed", "attachment_restored", "attachment_trashed", "attachment_removed"], order);
        // The refused upload made no attachment of the page and announced none.
        Assert.Single(Receiver.Received, r => r.Event == "attachment_created" && (long?)r["attachment"]?["parent"]?["id"] == page);
    }

    [SkippableFact]
    public async Task V2_trashes_an_attachment_and_a_refused_purge_or_a_drafts_upload_raises_nothing()
    {
        await RegisterAsync(["attachment_created", "attachment_trashed", "attachment_removed"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Files");
        var id = Numeric((string)(await Admin.AttachAsync(page.ToString(), new UploadFile("a.txt", Bytes("a"))))[0]!["id"]!);

        // A draft's attachments are not announced, as Cloud announces nothing about drafts.
        var draft = (string)(await Admin.PostJson("/wiki/rest/api/content", new
        {
            type = "page", title = "Draft with files", status = "draft", space = new { key = space },
            body = new { storage = new { value = "<p>d</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        (await Admin.UploadAsync(HttpMethod.Post, Attachments(draft) + "?status=draft", Form([new UploadFile("d.txt", Bytes("d"))])))
            .Expect(HttpStatusCode.OK);

        // Refused: a purge of what is not in the trash.
        (await Admin.Delete($"/wiki/api/v2/attachments/{id}?purge=true")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Delete($"/wiki/api/v2/attachments/{id}")).Expect(HttpStatusCode.NoContent);
        AssertAttachment(await ContentEventAsync("attachment_trashed", "attachment", id));
        Assert.Equal(["attachment_created", "attachment_trashed"], Receiver.Received.Where(r => (long?)r["attachment"]?["id"] == id).Select(r => r.Event));
        Assert.DoesNotContain(Receiver.Received, r => (string?)r["attachment"]?["parent"]?["idAsString"] == draft);
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class AttachmentWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : AttachmentWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class AttachmentWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : AttachmentWebhookTests(fixture);
